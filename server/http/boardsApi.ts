/** `/api/boards`: create boards, read their metadata, upload and serve pasted images. */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { randomBytes } from 'node:crypto'
import { assetPath, boardIdPattern, boardPath, CreateBoardRequest, type BoardMeta } from '../../shared/api.ts'
import type { Logger } from '../logger.ts'
import type { BoardRecord, Storage } from '../storage/Storage.ts'
import { HttpError } from './errors.ts'

export interface BoardsApiOptions {
  storage: Storage
  logger: Logger
  maxAssetBytes: number
}

const assetIdPattern = /^[A-Za-z0-9_-]{22}$/
// Images and videos only: these are what tldraw can place on the canvas.
const assetTypePattern = /^(image|video)\/[a-z0-9.+-]+$/

export const newId = () => randomBytes(16).toString('base64url')

export const toBoardMeta = (board: BoardRecord): BoardMeta => ({
  id: board.id,
  title: board.title,
  createdAt: board.createdAt,
  url: boardPath(board.id),
})

/** The board with this id, or a 404; ids that cannot be ours never reach storage. */
export function findBoard(storage: Storage, id: string): BoardRecord {
  const board = boardIdPattern.test(id) ? storage.getBoard(id) : undefined
  if (!board) throw new HttpError(404, 'board not found')
  return board
}

export function boardsApi({ storage, logger, maxAssetBytes }: BoardsApiOptions) {
  const api = new Hono()

  api.post('/', async (c) => {
    const body = await c.req.json().catch(() => {
      throw new HttpError(400, 'body must be JSON')
    })
    const parsed = CreateBoardRequest.safeParse(body)
    if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? 'invalid body')
    const board: BoardRecord = { id: newId(), title: parsed.data.title, createdAt: new Date().toISOString() }
    storage.createBoard(board)
    logger.info('board created', { board: board.id })
    return c.json(toBoardMeta(board), 201)
  })

  api.get('/:id', (c) => c.json(toBoardMeta(findBoard(storage, c.req.param('id')))))

  api.post(
    '/:id/assets',
    bodyLimit({
      maxSize: maxAssetBytes,
      onError: () => {
        throw new HttpError(413, `file is larger than ${Math.floor(maxAssetBytes / 1024 / 1024)} MB`)
      },
    }),
    async (c) => {
      const board = findBoard(storage, c.req.param('id'))
      const mimeType = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase()
      if (!assetTypePattern.test(mimeType)) throw new HttpError(415, 'only images and videos can be uploaded')
      const data = new Uint8Array(await c.req.arrayBuffer())
      if (data.byteLength === 0) throw new HttpError(400, 'empty file')
      const assetId = newId()
      storage.putAsset(board.id, assetId, { mimeType, data })
      logger.info('asset stored', { board: board.id, bytes: data.byteLength })
      return c.json({ url: assetPath(board.id, assetId) }, 201)
    },
  )

  api.get('/:id/assets/:assetId', (c) => {
    const board = findBoard(storage, c.req.param('id'))
    const assetId = c.req.param('assetId')
    const asset = assetIdPattern.test(assetId) ? storage.getAsset(board.id, assetId) : undefined
    if (!asset) throw new HttpError(404, 'asset not found')
    return c.body(asset.data, 200, {
      'Content-Type': asset.mimeType,
      'Cache-Control': 'private, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      // An uploaded SVG opened on its own must not run script on our origin.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    })
  })

  return api
}
