import { escapeHtml } from '../../lib/html.js'

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d2330;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;padding:2rem 2.5rem;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);width:min(380px,90vw)}
h1{font-size:1.4rem;margin:0 0 1rem}label{display:block;margin:.8rem 0 .3rem;font-weight:600;font-size:.9rem}
input{width:100%;box-sizing:border-box;padding:.55rem .7rem;border:1px solid #c8ccd4;border-radius:6px;font-size:1rem}
button{margin-top:1.2rem;width:100%;padding:.65rem;border:0;border-radius:6px;background:#2f6fed;color:#fff;font-size:1rem;cursor:pointer}
.error{background:#fdecec;color:#a61b1b;padding:.6rem .8rem;border-radius:6px;margin-bottom:.5rem}
.hint{color:#5b6474;font-size:.9rem}`

/** A small self-contained page (no external assets: the server may run offline). */
export function renderPage(title: string, body: string, error?: string): string {
  const message = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Stint</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${message}${body}</main></body></html>`
}
