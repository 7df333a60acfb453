import { escapeHtml } from '../../lib/html.js'
import { renderPage } from './layout.js'

export function setupPage(options: { username?: string; error?: string }): string {
  return renderPage(
    'Set up Stint',
    `<p class="hint">Step 1 of 1: create the administrator. The one-time set-up code is printed in the server log.</p>
<form method="post" action="/setup">
<label for="setup_code">Set-up code</label><input id="setup_code" name="setup_code" autocomplete="off" required>
<label for="username">Administrator username</label><input id="username" name="username" autocomplete="username" required value="${escapeHtml(options.username ?? '')}">
<label for="password">Password (at least 8 characters)</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required>
<label for="password_confirm">Confirm password</label><input id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" required>
<button type="submit">Create administrator</button></form>`,
    options.error,
  )
}
