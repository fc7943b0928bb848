// byhand's code editor: CodeMirror 6 with Python highlighting, progressively
// enhancing a plain <textarea>.
//
// Bundled by build.mjs into src/byhand/web/static/vendor/editor.js (an IIFE).
// API (see docs/frontend.md):
//
//   window.ByhandEditor.attach(textarea) -> {view, textarea, destroy()}
//   window.ByhandEditor.attachAll(root = document) -> array of the above
//
// and, when the script loads, every <textarea data-byhand-editor> is attached.
//
// Without JavaScript the page keeps the plain <textarea>; with it, the textarea
// is hidden and its value is kept equal to the editor's text on every change,
// so a normal <form> POST submits the code either way.

import { EditorState } from "@codemirror/state";
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  drawSelection,
} from "@codemirror/view";
import {
  defaultKeymap,
  history,
  historyKeymap,
  indentWithTab,
} from "@codemirror/commands";
import {
  bracketMatching,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
  defaultHighlightStyle,
} from "@codemirror/language";
import { python } from "@codemirror/lang-python";

const attached = new WeakMap();

// The accessible name: the textarea's aria-label, else the text of its
// aria-labelledby elements, else the text of its <label>s.
function accessibleLabel(textarea) {
  const own = textarea.getAttribute("aria-label");
  if (own && own.trim()) return own.trim();
  const ids = (textarea.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
  const byIds = ids
    .map((id) => document.getElementById(id))
    .filter(Boolean)
    .map((el) => el.textContent.trim())
    .join(" ")
    .trim();
  if (byIds) return byIds;
  const labels = Array.from(textarea.labels || []);
  const text = labels.map((l) => l.textContent.replace(/\s+/g, " ").trim()).join(" ").trim();
  return text || "Code editor";
}

const theme = EditorView.theme({
  "&": {
    border: "1px solid #767676",
    borderRadius: "4px",
    backgroundColor: "#fff",
    fontSize: "0.95em",
  },
  // A clearly visible focus indicator (WCAG 2.4.7): the editable element
  // inside has the real focus; the wrapper shows the ring.
  "&.cm-focused": {
    outline: "3px solid #005fcc",
    outlineOffset: "2px",
  },
  ".cm-scroller": {
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace",
    lineHeight: "1.5",
    overflow: "auto",
  },
  ".cm-content": { padding: "6px 0" },
  ".cm-gutters": { backgroundColor: "#f5f5f5", color: "#595959", borderRight: "1px solid #ddd" },
});

function attach(textarea) {
  if (!(textarea instanceof HTMLTextAreaElement)) {
    throw new TypeError("ByhandEditor.attach expects a <textarea> element");
  }
  const existing = attached.get(textarea);
  if (existing) return existing;

  const label = accessibleLabel(textarea);
  // tabindex 0 says outright what the browser does anyway (an editable element
  // takes the focus): axe-core counts the scrolling editor keyboard-reachable.
  const contentAttrs = { "aria-label": label, tabindex: "0" };
  const describedBy = textarea.getAttribute("aria-describedby");
  if (describedBy) contentAttrs["aria-describedby"] = describedBy;

  const rows = Math.max(parseInt(textarea.getAttribute("rows") || "", 10) || 10, 3);
  const readOnly = textarea.readOnly || textarea.disabled;

  const sync = EditorView.updateListener.of((update) => {
    if (!update.docChanged) return;
    textarea.value = update.state.doc.toString();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  });

  const view = new EditorView({
    parent: document.createElement("div"),
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        bracketMatching(),
        highlightActiveLine(),
        python(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        // Tab indents. CodeMirror's own escape hatch keeps keyboard users
        // free: Escape then Tab (within 2 s) moves the focus on, and
        // Ctrl-M (Shift-Alt-M on macOS, from defaultKeymap) toggles a mode
        // where Tab always moves focus.
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorState.readOnly.of(readOnly),
        EditorView.editable.of(!textarea.disabled),
        EditorView.contentAttributes.of(contentAttrs),
        EditorView.theme({ ".cm-content, .cm-gutter": { minHeight: `${rows * 1.5}em` } }),
        theme,
        sync,
      ],
    }),
  });

  const wrapper = view.dom.parentNode;
  wrapper.className = "byhand-editor";
  textarea.insertAdjacentElement("afterend", wrapper);
  const previousDisplay = textarea.style.display;
  textarea.style.display = "none";

  // Clicking a <label> of the (now hidden) textarea focuses the editor.
  const onLabelClick = (event) => {
    event.preventDefault();
    view.focus();
  };
  const labels = Array.from(textarea.labels || []);
  labels.forEach((l) => l.addEventListener("click", onLabelClick));

  // A form reset restores the textarea's default value: show it in the editor.
  const form = textarea.form;
  const onReset = () => {
    setTimeout(() => {
      const text = textarea.value;
      if (text !== view.state.doc.toString()) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      }
    }, 0);
  };
  if (form) form.addEventListener("reset", onReset);

  const handle = {
    view,
    textarea,
    destroy() {
      textarea.value = view.state.doc.toString();
      labels.forEach((l) => l.removeEventListener("click", onLabelClick));
      if (form) form.removeEventListener("reset", onReset);
      view.destroy();
      wrapper.remove();
      textarea.style.display = previousDisplay;
      attached.delete(textarea);
    },
  };
  attached.set(textarea, handle);
  return handle;
}

function attachAll(root = document) {
  return Array.from(root.querySelectorAll("textarea[data-byhand-editor]")).map(attach);
}

window.ByhandEditor = { attach, attachAll };

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => attachAll());
} else {
  attachAll();
}
