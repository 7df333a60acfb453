import type { User } from '../modules/users/user.types.js'

/** Who is making a request: a user acting through an API token or a browser session. */
export interface Actor {
  user: User
  via: 'token' | 'session'
  /** The token's scopes; a session acts with the user's own rights, unscoped. */
  scopes: string[] | null
  tokenId: number | null
  /** The user again while the token or session stays valid, else undefined (long-lived streams). */
  recheck(): Promise<User | undefined>
}

/** How a route is authenticated: `public` none, `api` token or session, `session` browser only. */
export type AuthMode = 'public' | 'api' | 'session'

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthMode
    /** The scope an API token must hold (api-core.md §4.4); a list accepts any one (api-extended.md §0.6). */
    scope?: string | readonly string[]
    /** The application module that must be enabled for the user (api-extended.md §0.5). */
    module?: string
  }
  interface FastifyRequest {
    actor?: Actor
    /** The session's CSRF token when the request came with a valid session cookie. */
    sessionCsrfToken?: string
  }
}
