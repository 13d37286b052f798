// Hostile content of the kinds real archives and form spam carry: script tags, event
// handlers, javascript:/data: links, SVG, broken markup and mutation-XSS strings. Every
// one calls `pwned()` if it ever runs.

const RUN = 'pwned()';

const bases = [
  `<script>${RUN}</script>`,
  `<SCRIPT SRC=//127.0.0.1:9/x.js></SCRIPT>`,
  `<img src=x onerror=${RUN}>`,
  `<img src="x" onerror="${RUN}">`,
  `<IMG SRC="javascript:${RUN}">`,
  `<svg onload=${RUN}>`,
  `<svg><script>${RUN}</script></svg>`,
  `<svg><animate onbegin=${RUN} attributeName=x dur=1s>`,
  `<body onload=${RUN}>`,
  `<iframe src="javascript:${RUN}"></iframe>`,
  `<iframe srcdoc="<script>parent.${RUN}</script>"></iframe>`,
  `<object data="javascript:${RUN}"></object>`,
  `<embed src="javascript:${RUN}">`,
  `<a href="javascript:${RUN}">click</a>`,
  `<a href="JaVaScRiPt:${RUN}">click</a>`,
  `<a href="&#106;avascript:${RUN}">click</a>`,
  `<details open ontoggle=${RUN}>`,
  `<input autofocus onfocus=${RUN}>`,
  `<select autofocus onfocus=${RUN}>`,
  `<textarea autofocus onfocus=${RUN}>`,
  `<video><source onerror=${RUN}></video>`,
  `<audio src=x onerror=${RUN}>`,
  `<marquee onstart=${RUN}>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
  `<noscript><p title="</noscript><img src=x onerror=${RUN}>">`,
  `<form><math><mtext></form><form><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${RUN} src=1>">`,
  `"><script>${RUN}</script>`,
  `'><img src=x onerror=${RUN}>`,
  `</textarea><script>${RUN}</script>`,
  `</title><script>${RUN}</script>`,
  `<style>@import "javascript:${RUN}";</style>`,
  `<div style="background:url(javascript:${RUN})">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  `<base href="javascript:${RUN}//">`,
  `<link rel=import href="data:text/html,<script>${RUN}</script>">`,
  `<isindex type=image src=1 onerror=${RUN}>`,
  `<template><img src=x onerror=${RUN}></template>`,
  `<xmp><img src=x onerror=${RUN}></xmp>`,
  `<!--<img src="--><img src=x onerror=${RUN}//">`,
  `<![CDATA[<script>${RUN}</script>]]>`,
  `{{constructor.constructor('${RUN}')()}}`,
  `\${${RUN}}`,
  `javascript:${RUN}`,
  `data:text/html;base64,PHNjcmlwdD5wd25lZCgpPC9zY3JpcHQ+`,
  `[click me](javascript:${RUN})`,
  `[click me](JAVASCRIPT:${RUN})`,
  `[click me](java\tscript:${RUN})`,
  `[click me]( javascript:${RUN} )`,
  `[click me](data:text/html,<script>${RUN}</script>)`,
  `[click me](vbscript:msgbox(1))`,
  `[click me](file:///etc/passwd)`,
  `[<img src=x onerror=${RUN}>](https://example.org)`,
  `[x](https://example.org" onmouseover="${RUN})`,
  `**<script>${RUN}</script>**`,
  `*<img src=x onerror=${RUN}>*`,
  `- <svg onload=${RUN}>`,
  `1. <iframe src=javascript:${RUN}>`,
  `https://example.org/"><script>${RUN}</script>`,
  `<a href="https://example.org" onclick="${RUN}">ok</a>`,
  `<scr<script>ipt>${RUN}</scr</script>ipt>`,
];

/** At least 100 distinct payloads: the bases, and each wrapped the way real text wraps them. */
export const PAYLOADS = [
  ...bases,
  ...bases.map((payload) => `Question about needles ${payload} please help`),
].slice(0, 120);

/** Runs in the page before anything else: records any payload that executes. */
export function installTripwire() {
  window.__pwnedCount = 0;
  window.pwned = () => { window.__pwnedCount += 1; };
}

/**
 * Runs in the page: every element in the document and in open shadow roots that carries
 * an event-handler attribute, a link with a scheme other than http, https or mailto, or an
 * element content should never create.
 */
export function findActiveContent() {
  const found = [];
  const visit = (root) => {
    for (const element of root.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (attribute.name.toLowerCase().startsWith('on')) found.push(`${element.tagName} ${attribute.name}`);
      }
      const href = element.getAttribute('href') ?? element.getAttribute('src') ?? element.getAttribute('action');
      if (href !== null && element.tagName !== 'LINK' && element.tagName !== 'SCRIPT') {
        const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
        if (scheme && !['http', 'https', 'mailto'].includes(scheme)) found.push(`${element.tagName} ${href}`);
      }
      if (root !== document && ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'IMG', 'STYLE', 'BASE', 'META', 'FORM', 'VIDEO', 'AUDIO', 'TEMPLATE'].includes(element.tagName)) {
        if (!(element.tagName === 'FORM' && element.classList.contains('ae-form'))) found.push(`unexpected <${element.tagName.toLowerCase()}>`);
      }
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
  return found;
}
