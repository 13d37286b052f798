// Trunk post-build hook: writes `embed.js`, the one script a host page includes to start the
// widget, and makes the hosted index.html use it instead of trunk's inline loader, so the
// app runs under a Content-Security-Policy without 'unsafe-inline'.
import { readdir, readFile, writeFile } from 'node:fs/promises';
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

const loader = `// Ask an Expert. Add this one script to a page with a <div data-ask-expert …> element:
//   <script type="module" src="…/embed.js"></script>
// It brings the widget's code and stylesheet from the folder it is served from.
const asset = (name) => new URL(name, import.meta.url).href;
const app = await import(asset(${JSON.stringify(script)}));
await app.default({ module_or_path: asset(${JSON.stringify(wasm)}) });
app.mount_widget(asset(${JSON.stringify(style)}));
`;
await writeFile(join(staging, 'embed.js'), loader);

const indexPath = join(staging, 'index.html');
const index = await readFile(indexPath, 'utf8');
const inlineLoader = /<script type="module"[^>]*>\s*import init, \* as bindings[\s\S]*?<\/script>/;
if (!inlineLoader.test(index)) throw new Error("write-loader.mjs: trunk's inline loader was not found in index.html");
// The widget links its stylesheet inside its shadow root; in the page's head it would only
// be fetched twice.
const widgetStylesheet = new RegExp(`\\s*<link rel="stylesheet" href="\\./${style.replace('.', '\\.')}"[^>]*>`);
await writeFile(
  indexPath,
  index.replace(inlineLoader, '<script type="module" src="./embed.js"></script>').replace(widgetStylesheet, ''),
);
