// Reads package.json for bin/compile (node is the one JSON parser every Node.js build has).
//   node package-json.js valid   exit 0 when ./package.json holds a JSON object, else the parser's
//                                words on stderr (exit 2)
//   node package-json.js dump    the fields bin/compile asks about, as bash assignments to the
//                                associative arrays PKG_GET (top-level and one level deeper:
//                                `packageManager`, `engines.node`, `cacheDirectories`; an array one
//                                item a line) and PKG_SCRIPT (scripts with a non-empty command)
// One node start costs about a tenth of a second here, so bin/compile reads it all at once.
"use strict";
const fs = require("fs");

function load() {
  try {
    return JSON.parse(fs.readFileSync("package.json", "utf8"));
  } catch (e) {
    process.stderr.write(e.message + "\n");
    process.exit(2);
  }
}

const quote = (s) => "'" + String(s).replace(/'/g, "'\\''") + "'";
const scalar = (v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
function text(v) {
  if (scalar(v)) return String(v);
  if (Array.isArray(v)) return v.map(String).join("\n");
  return null;
}

const pkg = load();
switch (process.argv[2]) {
  case "valid":
    if (pkg === null || typeof pkg !== "object" || Array.isArray(pkg)) {
      process.stderr.write("package.json must hold a JSON object\n");
      process.exit(2);
    }
    break;
  case "dump": {
    const out = [];
    for (const [key, value] of Object.entries(pkg)) {
      if (key === "scripts") continue;
      if (text(value) !== null) out.push(`PKG_GET[${quote(key)}]=${quote(text(value))}`);
      else if (value && typeof value === "object")
        for (const [sub, v] of Object.entries(value))
          if (text(v) !== null) out.push(`PKG_GET[${quote(key + "." + sub)}]=${quote(text(v))}`);
    }
    const scripts = pkg.scripts && typeof pkg.scripts === "object" ? pkg.scripts : {};
    for (const [name, command] of Object.entries(scripts))
      if (typeof command === "string" && command.trim()) out.push(`PKG_SCRIPT[${quote(name)}]=1`);
    console.log(out.join("\n"));
    break;
  }
  default:
    process.stderr.write("unknown request " + process.argv[2] + "\n");
    process.exit(64);
}
