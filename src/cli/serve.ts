import type { Command } from 'commander'

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP server (same as npm start)')
    .action(async () => {
      // Imported on demand: the other commands never load the web application.
      const { runWithConfig, serve } = await import('../main.js')
      await runWithConfig(serve)
    })
}
