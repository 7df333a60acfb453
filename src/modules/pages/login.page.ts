import { escapeHtml } from '../../lib/html.js'
import { renderPage } from './layout.js'

export function loginPage(options: { next?: string; username?: string; error?: string }): string {
  const next = options.next ? `<input type="hidden" name="next" value="${escapeHtml(options.next)}">` : ''
  return renderPage(
    'Sign in',
    `<form method="post" action="/login">${next}
<label for="username">Username</label><input id="username" name="username" autocomplete="username" required value="${escapeHtml(options.username ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`,
    options.error,
  )
}

export function homePage(username: string, csrfToken: string): string {
  return renderPage(
    'Stint',
    `<p>Signed in as <strong>${escapeHtml(username)}</strong>.</p>
<p class="hint">The API is at <code>/api/v1</code>; its documentation at <a href="/api/docs">/api/docs</a>.</p>
<form method="post" action="/logout"><input type="hidden" name="csrf_token" value="${escapeHtml(csrfToken)}"><button type="submit">Sign out</button></form>`,
  )
}
