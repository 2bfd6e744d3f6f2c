/**
 * `npm run board-links -- <boardId> [baseUrl]`: new links for all three roles of a board, for
 * the server's operator (boards created before access by role, or a facilitator who lost the
 * links). The old links stop working. Run it while the relay is stopped, or restart the relay
 * after it, so that no socket opened with an old link stays open.
 */
import { roles } from '../../shared/access.ts'
import { issueTokens } from '../links/access.ts'
import { keepNewLinks, linkLines } from '../links/newLinks.ts'
import { readConfig } from './config.ts'
import { SqliteStorage } from '../storage/SqliteStorage.ts'

const [boardId, baseUrl = 'http://localhost:8787'] = process.argv.slice(2)
if (!boardId) {
  console.error('usage: npm run board-links -- <boardId> [baseUrl]')
  process.exit(2)
}
const config = readConfig()
const storage = new SqliteStorage(config.dataDir, { auditKey: config.auditKey })
try {
  const board = await storage.getBoard(boardId)
  if (!board) {
    console.error(`no board ${boardId} in ${config.dataDir}`)
    process.exit(1)
  }
  const { tokens, hashes } = issueTokens()
  for (const role of roles) await storage.replaceTokenHash(board.id, role, hashes[role])
  await keepNewLinks(storage, board.id, tokens)
  for (const line of linkLines(board.id, tokens, baseUrl)) console.log(line)
} finally {
  await storage.close()
}
