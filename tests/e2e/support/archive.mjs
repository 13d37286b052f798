// Brute-force answers about an archive, computed independently of the app, for tests to
// compare with what the page shows.

/** Every category id at or below `id`. */
export function subtreeIds(archive, id) {
  const found = [];
  const walk = (nodes, inside) => {
    for (const node of nodes ?? []) {
      const here = inside || node.id === id;
      if (here) found.push(node.id);
      walk(node.children, here);
    }
  };
  walk(archive.categories, false);
  return new Set(found);
}

/** Questions sitting in any of the given categories or below them. */
export function questionsIn(archive, ...ids) {
  const covered = new Set(ids.flatMap((id) => [...subtreeIds(archive, id)]));
  return archive.questions.filter((question) => question.categories.some((c) => covered.has(c)));
}

export const newestFirst = (questions) =>
  [...questions].map((q, i) => [q, i]).sort(([a, i], [b, j]) => b.asked.localeCompare(a.asked) || i - j).map(([q]) => q);

export const tidy = (text) => text.replace(/[\s\u00a0]+/g, ' ').trim().replace(/^[.,;: ]+/, '');

export function labelOf(archive, id) {
  let label;
  const walk = (nodes) => nodes?.forEach((node) => { if (node.id === id) label = node.label; walk(node.children); });
  walk(archive.categories);
  return label;
}
