/** REDIS_SENTINELS as settings (read by `config.ts`, used by `redisClient.ts`); no Redis client here, so reading the settings loads none. */

export interface RedisSentinels {
  hosts: Array<{ host: string; port: number }>
  name: string
  password: string | null
}

/** `host:port,host:port` (port 26379 if left out); throws on anything else. */
export function parseSentinelHosts(list: string): RedisSentinels['hosts'] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      // [v6::address]:port, host:port or host
      const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(entry)
      const port = Number(match?.[3] ?? 26379)
      if (!match || port < 1 || port > 65535) throw new Error(`not host:port: ${entry}`)
      return { host: (match[1] ?? match[2])!, port }
    })
}
