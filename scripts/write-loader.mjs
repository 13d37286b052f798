// Trunk post-build hook: writes `embed.js`, the one script a host page includes to start the
// widget, and makes the hosted index.html use it instead of trunk's inline loader, so the
// app runs under a Content-Security-Policy without 'unsafe-inline'. The first screen's
// bundle (`ask-expert-first`, which trunk builds unhashed) gets content-named files like the
// app's, and the page preloads it rather than the whole app: it is what shows first.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('write-loader.mjs runs as a trunk hook (TRUNK_STAGING_DIR is not set)');

const files = await readdir(staging);
const find = (pattern, what) => {
  const match = files.find((name) => pattern.test(name));
  if (!match) throw new Error(`write-loader.mjs: no ${what} in ${staging}`);
  return match;
};
const script = find(/^ask-expert(-[0-9a-f]+)?\.js$/, 'app script');
const wasm = find(/^ask-expert(-[0-9a-f]+)?_bg\.wasm$/, 'wasm module');
const style = find(/^ask-expert(-[0-9a-f]+)?\.css$/, 'widget stylesheet');

// The first screen's files, named by a hash of both (the script names its module).
const firstScriptPlain = find(/^ask-expert-first\.js$/, 'first screen script');
const firstWasmPlain = find(/^ask-expert-first_bg\.wasm$/, 'first screen module');
const hash = createHash('sha256');
for (const name of [firstScriptPlain, firstWasmPlain]) hash.update(await readFile(join(staging, name)));
const firstHash = hash.digest('hex').slice(0, 16);
const firstScript = `ask-expert-first-${firstHash}.js`;
const firstWasm = `ask-expert-first-${firstHash}_bg.wasm`;
await rename(join(staging, firstScriptPlain), join(staging, firstScript));
await rename(join(staging, firstWasmPlain), join(staging, firstWasm));

const loader = `// Ask an Expert. Add this one script to a page with a <div data-ask-expert …> element:
//   <script type="module" src="…/embed.js"></script>
// It brings the widget's code and stylesheet from the folder it is served from: first a
// small bundle that shows a built archive's newest questions, then the whole app, which
// takes its place. The whole app's download starts once the small one is in, so the two
// do not share a slow connection.
const asset = (name) => new URL(name, import.meta.url).href;
const style = asset(${JSON.stringify(style)});
const preload = Object.assign(document.createElement('link'), { rel: 'preload', as: 'style', href: style });
document.head.append(preload);
// The manifest the first screen has read by then is handed over, not fetched again.
let manifestRead = () => [undefined, undefined];
try {
  const first = await import(asset(${JSON.stringify(firstScript)}));
  await first.default({ module_or_path: asset(${JSON.stringify(firstWasm)}) });
  first.mount_first_screen(style);
  manifestRead = () => {
    try {
      return [first.manifest_url(), first.manifest()];
    } catch {
      return [undefined, undefined];
    }
  };
} catch (error) {
  console.warn('Ask an Expert: the first screen did not start; the whole app follows.', error);
}
const app = await import(asset(${JSON.stringify(script)}));
await app.default({ module_or_path: asset(${JSON.stringify(wasm)}) });
app.mount_widget(style, ...manifestRead());
`;
await writeFile(join(staging, 'embed.js'), loader);

const indexPath = join(staging, 'index.html');
const index = await readFile(indexPath, 'utf8');
const inlineLoader = /<script type="module"[^>]*>\s*import init, \* as bindings[\s\S]*?<\/script>/;
if (!inlineLoader.test(index)) throw new Error("write-loader.mjs: trunk's inline loader was not found in index.html");
// The widget links its stylesheet inside its shadow root; in the page's head it would only
// be fetched twice.
const widgetStylesheet = new RegExp(`\\s*<link rel="stylesheet" href="\\./${style.replace('.', '\\.')}"[^>]*>`);
// Trunk preloads the whole app; the first screen's bundle is what the page needs first.
const appPreloads = /<link rel="modulepreload" href="\.\/ask-expert-[0-9a-f]+\.js"[^>]*>\s*<link rel="preload" href="\.\/ask-expert-[0-9a-f]+_bg\.wasm"[^>]*>/;
if (!appPreloads.test(index)) throw new Error("write-loader.mjs: trunk's preloads were not found in index.html");
const firstPreloads = `<link rel="modulepreload" href="./${firstScript}">`
  + `<link rel="preload" href="./${firstWasm}" crossorigin="anonymous" as="fetch" type="application/wasm">`;
await writeFile(
  indexPath,
  index
    .replace(inlineLoader, '<script type="module" src="./embed.js"></script>')
    .replace(widgetStylesheet, '')
    .replace(appPreloads, firstPreloads),
);
