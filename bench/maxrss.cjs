// Preloaded (node -r) into processes the benchmark runs: prints their peak RSS to stderr on exit.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\nBENCH_MAXRSS_KB ${process.resourceUsage().maxRSS}\n`);
});
