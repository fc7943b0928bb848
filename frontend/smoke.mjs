// Developer check that the vendored assets work in a real browser.
//
//   cd frontend && npm ci && npm run smoke
//
// Serves smoke.html and src/byhand/web/static/ (as /static/) with
// `python3 -m http.server` on 127.0.0.1, opens the page in Debian's Chromium
// (apt-get install -y chromium; never a downloaded browser) through
// playwright-core, and checks that KaTeX renders $\frac{a}{b}$ with its woff2
// fonts, that the editor replaces the textarea, keeps it in sync, submits with
// the form, and lets keyboard users leave with Escape then Tab. It also checks
// that the page still works with JavaScript disabled. Not part of the Python
// test suite. Exit 0 when every check passed.
//
// Environment: CHROMIUM=/path/to/chromium (default /usr/bin/chromium),
// SMOKE_SCREENSHOT=/path.png to save a screenshot.

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const STATIC = path.resolve(HERE, "..", "src", "byhand", "web", "static");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}${detail ? `  (${detail})` : ""}`);
}

function startServer(root) {
  return new Promise((resolve, reject) => {
    const proc = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const onData = (buf) => {
      out += buf.toString();
      const m = out.match(/port (\d+)/);
      if (m) resolve({ proc, port: Number(m[1]) });
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", () => {}); // the request log
    proc.on("exit", (code) => reject(new Error(`http.server exited (${code}): ${out}`)));
    setTimeout(() => reject(new Error("http.server did not start")), 10000).unref();
  });
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`no browser at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM)`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(STATIC, "vendor", "editor.js"))) {
    console.error("no vendored assets: run npm run build first");
    process.exit(2);
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "byhand-smoke-"));
  fs.symlinkSync(STATIC, path.join(root, "static"));
  fs.copyFileSync(path.join(HERE, "smoke.html"), path.join(root, "index.html"));

  const { proc, port } = await startServer(root);
  const base = `http://127.0.0.1:${port}`;
  let browser;
  try {
    // playwright-core gives the browser a fresh temporary --user-data-dir.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    const page = await context.newPage();

    const problems = [];
    const fontRequests = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("requestfailed", (req) => problems.push(`failed: ${req.url()}`));
    page.on("request", (req) => {
      if (!req.url().startsWith(base) && !req.url().startsWith("data:")) problems.push(`off-site: ${req.url()}`);
      if (req.url().includes("/fonts/")) fontRequests.push(req.url());
    });
    page.on("response", (res) => {
      if (res.status() >= 400) problems.push(`${res.status()}: ${res.url()}`);
    });
    let posted = null;
    await page.route(`${base}/submit`, async (route) => {
      posted = route.request().postData();
      await route.fulfill({ status: 200, contentType: "text/plain", body: "received" });
    });

    await page.goto(`${base}/index.html`, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);

    // --- KaTeX ---
    const math = await page.evaluate(() => {
      const p = document.getElementById("math");
      return {
        katex: p.querySelectorAll(".katex").length,
        frac: p.querySelectorAll(".mfrac").length,
        mathml: p.querySelector("annotation")?.textContent,
        display: document.querySelectorAll("#display .katex-display").length,
        nomath: document.querySelectorAll("#nomath .katex").length,
        inEditor: document.querySelectorAll(".cm-editor .katex").length,
        fonts: [...document.fonts].filter((f) => f.status === "loaded").map((f) => `${f.family}/${f.weight}/${f.style}`),
        mainFamily: getComputedStyle(p.querySelector(".katex")).fontFamily,
      };
    });
    check("KaTeX typeset the marked $\\frac{a}{b}$", math.katex === 1 && math.frac === 1, `annotation ${JSON.stringify(math.mathml)}`);
    check("KaTeX display math ($$...$$)", math.display === 1);
    check("dollars not marked as math are left alone", math.nomath === 0);
    check("math in the code editor is left alone", math.inEditor === 0);
    check(
      "KaTeX woff2 fonts loaded from vendor/katex/fonts/",
      math.fonts.some((f) => f.startsWith("KaTeX_Main")) && fontRequests.length > 0 && fontRequests.every((u) => u.endsWith(".woff2")),
      `loaded: ${math.fonts.join(", ")}`,
    );

    // --- Editor: structure and accessibility ---
    const ed = await page.evaluate(() => {
      const ta = document.getElementById("code");
      const content = document.querySelector(".cm-content");
      const defToken = [...document.querySelectorAll(".cm-line span")].find((s) => s.textContent === "def");
      return {
        api: typeof window.ByhandEditor?.attach === "function",
        editors: document.querySelectorAll(".cm-editor").length,
        textareaHidden: getComputedStyle(ta).display === "none",
        label: content?.getAttribute("aria-label"),
        describedBy: content?.getAttribute("aria-describedby"),
        role: content?.getAttribute("role"),
        lineNumbers: document.querySelectorAll(".cm-lineNumbers .cm-gutterElement").length,
        defColor: defToken ? getComputedStyle(defToken).color : null,
        lineColor: getComputedStyle(document.querySelector(".cm-line")).color,
        sameHandle: window.ByhandEditor.attach(ta) === window.ByhandEditor.attach(ta),
      };
    });
    check("window.ByhandEditor.attach exists", ed.api);
    check("editor replaced the textarea (one editor, textarea hidden)", ed.editors === 1 && ed.textareaHidden);
    check("accessible name from <label>", ed.label === "Your solution", `aria-label=${JSON.stringify(ed.label)}, role=${ed.role}`);
    check("aria-describedby carried over", ed.describedBy === "code-help");
    check("line numbers shown", ed.lineNumbers >= 5, `${ed.lineNumbers} gutter elements`);
    check("Python highlighting (the keyword 'def' is coloured)", ed.defColor && ed.defColor !== ed.lineColor, `def: ${ed.defColor}`);
    check("attach() is idempotent", ed.sameHandle);

    // --- Editor: typing keeps the textarea in sync ---
    const before = await page.inputValue("#code");
    await page.click("label[for=code]"); // a label click focuses the editor
    const focusedByLabel = await page.evaluate(() => document.activeElement?.classList.contains("cm-content"));
    check("clicking the <label> focuses the editor", focusedByLabel);
    // CodeMirror sets .cm-focused on its next update after the focus event.
    await page.waitForSelector(".cm-editor.cm-focused", { timeout: 2000 }).catch(() => {});
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.querySelector(".cm-editor"));
      return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
    });
    check("visible focus outline", outline.startsWith("solid 3px"), outline);

    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("return np.exp(x) / np.exp(x).sum()");
    const after = await page.inputValue("#code");
    const doc = await page.evaluate(() => window.ByhandEditor.attach(document.getElementById("code")).view.state.doc.toString());
    check("typing changed the textarea value", after !== before && after.includes("return np.exp(x) / np.exp(x).sum()"));
    check("textarea value equals the editor text", after === doc);
    check("Enter after 'def ...:' auto-indents (4 spaces)", after.endsWith("\n    return np.exp(x) / np.exp(x).sum()"), JSON.stringify(after.split("\n").at(-1)));

    const matching = await page.evaluate(() => document.querySelectorAll(".cm-matchingBracket").length);
    check("bracket matching highlights the pair next to the cursor", matching === 2, `${matching} highlighted`);

    await page.keyboard.press("Home");
    await page.keyboard.press("Tab");
    const afterTab = await page.inputValue("#code");
    const stillInEditor = await page.evaluate(() => document.activeElement?.classList.contains("cm-content"));
    check("Tab indents inside the editor", stillInEditor && afterTab.endsWith("\n        return np.exp(x) / np.exp(x).sum()"));

    await page.keyboard.press("Control+z");
    const afterUndo = await page.inputValue("#code");
    check("undo (history) restores the text and the textarea", afterUndo === after);

    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    const focusId = await page.evaluate(() => document.activeElement?.id);
    check("Escape then Tab moves focus out of the editor", focusId === "after", `focus on #${focusId}`);

    // Escape then Shift-Tab leaves backwards; Ctrl-M makes Tab move focus until toggled off.
    await page.focus(".cm-content");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Shift+Tab");
    const backId = await page.evaluate(() => document.activeElement?.tagName);
    check("Escape then Shift-Tab moves focus backwards out of the editor", !(await page.evaluate(() => document.activeElement?.classList.contains("cm-content"))), `focus on ${backId}`);
    await page.focus(".cm-content");
    await page.keyboard.press("Control+m");
    await page.waitForTimeout(2100); // longer than the Escape window: the mode is not temporary
    await page.keyboard.press("Tab");
    const toggledId = await page.evaluate(() => document.activeElement?.id);
    check("Ctrl-M tab-focus mode: Tab moves focus", toggledId === "after", `focus on #${toggledId}`);
    await page.focus(".cm-content");
    await page.keyboard.press("Control+m");
    const unchanged = await page.inputValue("#code");
    check("Ctrl-M mode does not change the text", unchanged === afterUndo);

    if (process.env.SMOKE_SCREENSHOT) {
      await page.screenshot({ path: process.env.SMOKE_SCREENSHOT, fullPage: true });
      console.log(`screenshot: ${process.env.SMOKE_SCREENSHOT}`);
    }

    // --- A normal form POST submits the editor's code ---
    await Promise.all([page.waitForURL(`${base}/submit`), page.click("#after")]);
    const code = posted ? new URLSearchParams(posted).get("code") : null;
    check("form POST submits the edited code", code === afterUndo.replace(/\r?\n/g, "\r\n") || code === afterUndo, `${code?.length} chars`);

    // --- Explicit attach() on a textarea with aria-label ---
    await page.goto(`${base}/index.html`, { waitUntil: "load" });
    const explicit = await page.evaluate(() => {
      const ta = document.createElement("textarea");
      ta.setAttribute("aria-label", "Scratch code");
      ta.value = "x = 1";
      document.body.append(ta);
      const h = window.ByhandEditor.attach(ta);
      const ok = h.view.dom.querySelector(".cm-content").getAttribute("aria-label");
      h.view.dispatch({ changes: { from: h.view.state.doc.length, insert: "\ny = 2" } });
      const value = ta.value;
      h.destroy();
      return { ok, value, restored: getComputedStyle(ta).display !== "none", editors: document.querySelectorAll(".cm-editor").length };
    });
    const more = await page.evaluate(async () => {
      // form reset: the editor shows the textarea's default text again
      const ta = document.getElementById("code");
      const h = window.ByhandEditor.attach(ta);
      const original = ta.defaultValue;
      h.view.dispatch({ changes: { from: 0, insert: "# edited\n" } });
      const edited = ta.value.startsWith("# edited");
      document.getElementById("form").reset();
      await new Promise((r) => setTimeout(r, 50));
      const reset = h.view.state.doc.toString() === original && ta.value === original;
      // readonly textarea: read-only editor
      const ro = document.createElement("textarea");
      ro.readOnly = true;
      ro.value = "x = 1";
      document.body.append(ro);
      const hr = window.ByhandEditor.attach(ro);
      return { edited, reset, readOnly: hr.view.state.readOnly, fallbackLabel: hr.view.contentDOM.getAttribute("aria-label") };
    });
    check("form reset resets the editor", more.edited && more.reset);
    check("readonly textarea gives a read-only editor (label fallback 'Code editor')", more.readOnly && more.fallbackLabel === "Code editor");
    check("attach(textarea) with aria-label, sync, destroy()", explicit.ok === "Scratch code" && explicit.value === "x = 1\ny = 2" && explicit.restored && explicit.editors === 1);

    check("no console errors, failed or off-site requests, or HTTP errors", problems.length === 0, problems.join("; "));

    // --- Without JavaScript: the plain textarea ---
    const ctx2 = await browser.newContext({ javaScriptEnabled: false });
    const p2 = await ctx2.newPage();
    await p2.goto(`${base}/index.html`, { waitUntil: "load" });
    const visible = await p2.isVisible("#code");
    const editors = await p2.locator(".cm-editor").count();
    const rawMath = await p2.locator("#math .katex").count();
    check("without JavaScript the plain textarea is shown (and the TeX source)", visible && editors === 0 && rawMath === 0);
    await ctx2.close();
  } finally {
    if (browser) await browser.close();
    proc.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
