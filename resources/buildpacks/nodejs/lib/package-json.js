// Reads package.json for bin/compile (node is the one JSON parser every Node.js build has).
//   node package-json.js valid            exit 0 when ./package.json is JSON, else the parser's words on stderr
//   node package-json.js get a.b.c        the value: a string as it is, an array one item a line, nothing when absent
//   node package-json.js script NAME      exit 0 when scripts.NAME is a non-empty string
//   node package-json.js lifecycle        exit 0 when any install lifecycle script (preinstall, install, postinstall, prepare) is declared
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

const [what, arg] = process.argv.slice(2);
const pkg = load();
const scripts = pkg && typeof pkg.scripts === "object" && pkg.scripts ? pkg.scripts : {};
switch (what) {
  case "valid":
    if (pkg === null || typeof pkg !== "object" || Array.isArray(pkg)) {
      process.stderr.write("package.json must hold a JSON object\n");
      process.exit(2);
    }
    break;
  case "get": {
    let v = pkg;
    for (const key of arg.split(".")) v = v && typeof v === "object" ? v[key] : undefined;
    if (Array.isArray(v)) v.forEach((item) => console.log(String(item)));
    else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") console.log(String(v));
    break;
  }
  case "script":
    process.exit(typeof scripts[arg] === "string" && scripts[arg].trim() ? 0 : 1);
    break;
  case "lifecycle":
    process.exit(["preinstall", "install", "postinstall", "prepare"].some((s) => s in scripts) ? 0 : 1);
    break;
  default:
    process.stderr.write("unknown request " + what + "\n");
    process.exit(64);
}
