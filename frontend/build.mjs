// Builds byhand's vendored front-end assets into src/byhand/web/static/vendor/.
//
//   cd frontend && npm ci && npm run build     # (re)write the vendor folder
//   npm run check                              # rebuild in a temp dir, compare, exit 1 on any difference
//
// The output is deterministic: the same package-lock.json gives the same bytes.
// The vendor folder is owned by this script: it is deleted and written anew.
// See docs/frontend.md.

import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const VENDOR = path.resolve(HERE, "..", "src", "byhand", "web", "static", "vendor");
const NM = path.join(HERE, "node_modules");

function fail(msg) {
  console.error(`build.mjs: ${msg}`);
  process.exit(1);
}

function pkgJson(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
}

function write(out, rel, data) {
  const file = path.join(out, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data, { mode: 0o644 });
}

function listFiles(dir, prefix = "") {
  const out = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${ent.name}` : ent.name;
    if (ent.isDirectory()) out.push(...listFiles(path.join(dir, ent.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

function findLicense(dir) {
  const name = fs
    .readdirSync(dir)
    .sort()
    .find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  return name ? fs.readFileSync(path.join(dir, name), "utf8") : null;
}

// KaTeX: the minified CSS/JS and the woff2 fonts. The CSS is
// rewritten to list only the woff2 source of each @font-face (every browser
// that runs KaTeX supports woff2), so every url() in it resolves to a shipped
// file under fonts/ (checked below).
function buildKatex(out) {
  const dir = path.join(NM, "katex");
  const dist = path.join(dir, "dist");
  const version = pkgJson(dir).version;

  let css = fs.readFileSync(path.join(dist, "katex.min.css"), "utf8");
  const faces = (css.match(/@font-face\{/g) || []).length;
  let rewritten = 0;
  css = css.replace(
    /(url\(fonts\/([A-Za-z0-9_-]+)\.woff2\) format\("woff2"\)),url\(fonts\/\2\.woff\) format\("woff"\),url\(fonts\/\2\.ttf\) format\("truetype"\)/g,
    (_, keep) => {
      rewritten += 1;
      return keep;
    },
  );
  if (faces === 0 || rewritten !== faces) {
    fail(`katex.min.css: expected to rewrite ${faces} @font-face sources, rewrote ${rewritten}; check the KaTeX version`);
  }
  write(out, "katex/katex.min.css", css);
  write(out, "katex/katex.min.js", fs.readFileSync(path.join(dist, "katex.min.js")));
  for (const f of fs.readdirSync(path.join(dist, "fonts")).sort()) {
    if (f.endsWith(".woff2")) write(out, `katex/fonts/${f}`, fs.readFileSync(path.join(dist, "fonts", f)));
  }
  const license = findLicense(dir);
  if (!license) fail("katex: no LICENSE file found");
  write(out, "katex/LICENSE", license);

  // Every url() in the CSS must name a file we ship.
  const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1].replace(/^["']|["']$/g, ""));
  for (const u of urls) {
    if (!fs.existsSync(path.join(out, "katex", u))) fail(`katex.min.css refers to missing ${u}`);
  }
  return [{ name: "katex", version, license: pkgJson(dir).license }];
}

// One minified IIFE from frontend/src/<file> with the npm packages it
// imports, and <file>.LICENSE.txt with the license of every bundled package.
async function buildBundle(out, file, banner) {
  const result = await esbuild.build({
    entryPoints: [path.join(HERE, "src", file)],
    bundle: true,
    format: "iife",
    minify: true,
    target: ["es2020"],
    platform: "browser",
    legalComments: "none", // the licenses are shipped in <file>.LICENSE.txt
    banner: { js: banner },
    charset: "ascii",
    metafile: true,
    write: false,
    absWorkingDir: HERE,
    logLevel: "warning",
  });
  write(out, file, result.outputFiles[0].contents);

  // Which packages ended up in the bundle: from esbuild's metafile, counting
  // only the inputs that contributed bytes to the output.
  const pkgDirs = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, info] of Object.entries(output.inputs)) {
      const m = input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//);
      if (m && info.bytesInOutput > 0) pkgDirs.add(m[1]);
    }
  }
  const pkgs = [...pkgDirs].sort().map((name) => {
    const dir = path.join(NM, name);
    const pj = pkgJson(dir);
    const license = findLicense(dir);
    if (!license) fail(`${name}: no LICENSE file found`);
    return { name, version: pj.version, license: pj.license, text: license };
  });
  const notice = [
    `vendor/${file} bundles the following packages (from the npm registry).`,
    "Their license texts follow, each as shipped in the package.",
    "",
    ...pkgs.map((p) => `  ${p.name}@${p.version} (${p.license})`),
    "",
    ...pkgs.flatMap((p) => ["=".repeat(78), `${p.name}@${p.version}`, "=".repeat(78), p.text.trimEnd(), ""]),
  ].join("\n");
  write(out, `${file}.LICENSE.txt`, notice);
  return pkgs.map(({ name, version, license }) => ({ name, version, license }));
}

// The editor: CodeMirror and the Python language.
function buildEditor(out) {
  return buildBundle(out, "editor.js", "/*! byhand editor: CodeMirror 6 and Lezer (MIT); licenses in editor.js.LICENSE.txt */");
}

// The progress page's concept map: Cytoscape.js and the fCoSE layout.
function buildConceptMap(out) {
  return buildBundle(out, "conceptmap.js",
    "/*! byhand concept map: Cytoscape.js, cytoscape-fcose, cose-base, layout-base (MIT); licenses in conceptmap.js.LICENSE.txt */");
}

// The API docs (/docs): Swagger UI's prebuilt browser files from swagger-ui-dist,
// unchanged but for the sourceMappingURL comments (the maps are not shipped).
// byhand's page (web/apidocs.py, FastAPI's get_swagger_ui_html) loads them.
function buildSwaggerUI(out) {
  const dir = path.join(NM, "swagger-ui-dist");
  const pj = pkgJson(dir);
  const unmap = (text) => text.replace(/\n?\/[*/]# sourceMappingURL=[^\n]*?(\*\/)?\s*$/, "\n");
  for (const f of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
    const text = unmap(fs.readFileSync(path.join(dir, f), "utf8"));
    if (text.includes("sourceMappingURL")) fail(`swagger-ui-dist/${f}: a sourceMappingURL is left`);
    write(out, `swagger-ui/${f}`, text);
  }
  write(out, "swagger-ui/favicon-32x32.png", fs.readFileSync(path.join(dir, "favicon-32x32.png")));
  const license = findLicense(dir);
  if (!license) fail("swagger-ui-dist: no LICENSE file found");
  write(out, "swagger-ui/LICENSE", license);
  if (fs.existsSync(path.join(dir, "NOTICE"))) write(out, "swagger-ui/NOTICE", fs.readFileSync(path.join(dir, "NOTICE")));
  return [{ name: "swagger-ui-dist", version: pj.version, license: pj.license }];
}

// byhand's own small helper that typesets the math the prose renderer marked, with KaTeX.
async function buildMath(out) {
  const result = await esbuild.build({
    entryPoints: [path.join(HERE, "src", "math.js")],
    bundle: true,
    format: "iife",
    minify: true,
    target: ["es2020"],
    platform: "browser",
    charset: "ascii",
    write: false,
    absWorkingDir: HERE,
    logLevel: "warning",
  });
  write(out, "math.js", result.outputFiles[0].contents);
}

async function buildAll(out) {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const katex = buildKatex(out);
  const editor = await buildEditor(out);
  const conceptmap = await buildConceptMap(out);
  await buildMath(out);
  const swagger = buildSwaggerUI(out);

  const files = listFiles(out);
  const lines = [
    "# Generated by frontend/build.mjs; do not edit. Rebuild: cd frontend && npm ci && npm run build",
    "",
    "[build]",
    `esbuild ${esbuild.version}`,
    "",
    "[katex/] KaTeX",
    ...katex.map((p) => `${p.name} ${p.version} ${p.license}`),
    "",
    "[editor.js] CodeMirror 6 + Python (bundled)",
    ...editor.map((p) => `${p.name} ${p.version} ${p.license}`),
    "",
    "[conceptmap.js] Cytoscape.js + fCoSE layout (bundled)",
    ...conceptmap.map((p) => `${p.name} ${p.version} ${p.license}`),
    "",
    "[swagger-ui/] Swagger UI for /docs (prebuilt, unchanged but for source-map comments)",
    ...swagger.map((p) => `${p.name} ${p.version} ${p.license}`),
    "",
    "[sha256]",
    ...files.map((f) => `${createHash("sha256").update(fs.readFileSync(path.join(out, f))).digest("hex")}  ${f}`),
    "",
  ];
  write(out, "VERSIONS.txt", lines.join("\n"));
}

async function main() {
  if (!fs.existsSync(path.join(NM, "esbuild"))) fail("run `npm ci` in frontend/ first");
  const check = process.argv.includes("--check");
  if (!check) {
    await buildAll(VENDOR);
    const files = listFiles(VENDOR);
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(VENDOR, f)).size, 0);
    console.log(`wrote ${files.length} files, ${bytes} bytes, to ${path.relative(process.cwd(), VENDOR) || "."}`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "byhand-vendor-"));
  try {
    await buildAll(tmp);
    const want = listFiles(tmp);
    const have = fs.existsSync(VENDOR) ? listFiles(VENDOR) : [];
    const diffs = [];
    for (const f of new Set([...want, ...have])) {
      const a = path.join(tmp, f);
      const b = path.join(VENDOR, f);
      if (!fs.existsSync(b)) diffs.push(`missing: ${f}`);
      else if (!fs.existsSync(a)) diffs.push(`extra:   ${f}`);
      else if (!fs.readFileSync(a).equals(fs.readFileSync(b))) diffs.push(`differs: ${f}`);
    }
    if (diffs.length) {
      console.error(`vendor/ is out of date (run npm run build):\n  ${diffs.sort().join("\n  ")}`);
      process.exitCode = 1;
    } else {
      console.log(`vendor/ is up to date (${want.length} files)`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
