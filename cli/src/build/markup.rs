//! Answer markup as HTML: core's `markup::parse` tree, rendered node by node through
//! templates, so every text is escaped and only links core judged safe become links.

use ask_expert_core::markup::{Block, Inline};
use askama::Template;

/// The blocks of one answer.
#[derive(Template)]
#[template(path = "markup/blocks.html")]
pub struct Blocks<'a> {
    pub blocks: &'a [Block],
}

impl<'a> Blocks<'a> {
    fn inlines(&self, inlines: &'a [Inline]) -> Inlines<'a> {
        Inlines { inlines }
    }
}

/// A run of text, emphasis and links; nested runs render through this same template.
#[derive(Template)]
#[template(path = "markup/inlines.html")]
pub struct Inlines<'a> {
    pub inlines: &'a [Inline],
}

impl<'a> Inlines<'a> {
    fn nested(&self, inlines: &'a [Inline]) -> Inlines<'a> {
        Inlines { inlines }
    }
}

// Both render through escaping templates, so what they print is HTML to keep as it is.
impl askama::filters::HtmlSafe for Blocks<'_> {}
impl askama::filters::HtmlSafe for Inlines<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use ask_expert_core::markup::parse;

    fn html(body: &str) -> String {
        Blocks {
            blocks: &parse(body),
        }
        .render()
        .unwrap()
    }

    #[test]
    fn renders_the_markup_subset() {
        assert_eq!(
            html("One *two* **three** [four](https://example.org/?a=1&b=2)\n\n- a\n- b\n\n1. c"),
            "<p>One <em>two</em> <strong>three</strong> \
             <a href=\"https://example.org/?a=1&#38;b=2\">four</a></p>\
             <ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>"
        );
    }

    #[test]
    fn escapes_text_and_drops_unsafe_links() {
        let out = html("<script>x()</script> [go](javascript:alert(1)) \"q\"");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("href"), "{out}");
        assert!(
            out.contains("&#60;script&#62;") || out.contains("&lt;script&gt;"),
            "{out}"
        );
    }
}
