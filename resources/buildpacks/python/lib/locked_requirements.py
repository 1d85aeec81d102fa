"""Writes a lockfile's main (non-dev) packages as a pip requirements file.

Usage: python3 locked_requirements.py pipenv|poetry|uv APP_DIR OUT_FILE

Every locked package is pinned to its exact version, with the lock's hashes when every
package has some (pip's --require-hashes mode needs all or none). Prints one summary line:
"<count> <hashes|nohashes>". Exits 1 with an "Error: ..." line on stderr when the lockfile
cannot be read.
"""
import json
import os
import re
import sys

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None


def fail(text):
    sys.stderr.write(text.rstrip("\n") + "\n")
    sys.exit(1)


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def load_toml(path, what):
    if tomllib is None:
        fail("Error: Can't parse %s.\n\nReading it needs Python 3.11 or later (tomllib)." % what)
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, ValueError) as e:
        fail("Error: Can't parse %s.\n\nIt isn't valid TOML: %s" % (what, e))


class Requirement:
    def __init__(self, name, spec, hashes=(), marker=None):
        self.name, self.spec, self.hashes, self.marker = name, spec, list(hashes), marker

    def line(self, with_hashes):
        text = self.spec
        if self.marker:
            text += " ; " + self.marker
        if with_hashes:
            text += "".join(" --hash=" + h for h in self.hashes)
        return text


def both(a, b):
    """The marker for a path through a (the way to the parent) then b (the edge)."""
    return "(%s) and (%s)" % (a, b) if a and b else (a or b)


def join_markers(markers):
    """None when some path to the package has no marker, else the markers or-ed."""
    if not markers or None in markers:
        return None
    unique = sorted(set(markers))
    return unique[0] if len(unique) == 1 else " or ".join("(%s)" % m for m in unique)


# ---- Pipenv: Pipfile.lock's "default" section ----
def pipenv(app):
    try:
        with open(os.path.join(app, "Pipfile.lock")) as f:
            lock = json.load(f)
    except (OSError, ValueError) as e:
        fail("Error: Can't parse Pipfile.lock.\n\nIt isn't valid JSON: %s" % e)
    out = []
    for name, entry in sorted((lock.get("default") or {}).items()):
        entry = entry if isinstance(entry, dict) else {}
        if "git" in entry:
            ref = "@" + entry["ref"] if entry.get("ref") else ""
            spec = "%s @ git+%s%s" % (name, entry["git"], ref)
        elif "path" in entry or "file" in entry:
            spec = ("-e " if entry.get("editable") else "") + (entry.get("path") or entry.get("file"))
        else:
            spec = name + entry.get("version", "")
        out.append(Requirement(name, spec, entry.get("hashes") or [], entry.get("markers")))
    return out


# ---- Poetry: poetry.lock's packages of the "main" group ----
def poetry_main_names(app, packages):
    """Names of the packages the main group needs: from `groups` (Poetry 2) or `category`
    (Poetry 1) when the lock has them, else by walking the dependencies from pyproject.toml."""
    if all("groups" in p or "category" in p for p in packages):
        return {canonical(p["name"]) for p in packages
                if "main" in p.get("groups", []) or p.get("category") == "main"}
    project = load_toml(os.path.join(app, "pyproject.toml"), "pyproject.toml")
    roots = [n for n in (project.get("tool", {}).get("poetry", {}).get("dependencies") or {}) if n != "python"]
    roots += [re.split(r"[\s\[<>=!~;(@]", d, 1)[0] for d in (project.get("project", {}).get("dependencies") or [])]
    by_name = {canonical(p["name"]): p for p in packages}
    seen, todo = set(), [canonical(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        for dep, constraint in (by_name[name].get("dependencies") or {}).items():
            if not (isinstance(constraint, dict) and constraint.get("optional")):
                todo.append(canonical(dep))
    return seen


def poetry_marker(package):
    markers = package.get("markers")
    if isinstance(markers, dict):
        markers = markers.get("main")
    return markers or None


def poetry(app):
    lock = load_toml(os.path.join(app, "poetry.lock"), "poetry.lock")
    packages = lock.get("package") or []
    main = poetry_main_names(app, packages)
    out = []
    for p in packages:
        if canonical(p["name"]) not in main:
            continue
        source = p.get("source") or {}
        if source.get("type") == "git":
            spec = "%s @ git+%s@%s" % (p["name"], source["url"], source.get("resolved_reference") or source.get("reference"))
        elif source.get("type") in ("directory", "file"):
            spec = ("-e " if p.get("develop") else "") + source["url"]
        else:
            spec = "%s==%s" % (p["name"], p["version"])
        hashes = [f["hash"] for f in p.get("files") or [] if f.get("hash")]
        out.append(Requirement(p["name"], spec, hashes, poetry_marker(p)))
    return out


# ---- uv: uv.lock's packages the project's dependencies reach (no dev groups) ----
def uv_spec(p):
    source = p.get("source") or {}
    if "git" in source:
        url, _, commit = source["git"].partition("#")
        return "%s @ git+%s@%s" % (p["name"], url.split("?")[0], commit)
    if "path" in source or "directory" in source or "editable" in source:
        path = source.get("path") or source.get("directory") or source.get("editable")
        return ("-e " if "editable" in source else "") + path
    if "url" in source:
        return "%s @ %s" % (p["name"], source["url"])
    return "%s==%s" % (p["name"], p["version"])


def uv(app):
    lock = load_toml(os.path.join(app, "uv.lock"), "uv.lock")
    packages = lock.get("package") or []
    project = load_toml(os.path.join(app, "pyproject.toml"), "pyproject.toml") if os.path.exists(
        os.path.join(app, "pyproject.toml")) else {}
    root_name = canonical((project.get("project") or {}).get("name", ""))
    roots = [p for p in packages if canonical(p["name"]) == root_name] or [
        p for p in packages if set((p.get("source") or {}).keys()) & {"virtual", "editable"}]
    if not roots:
        fail("Error: Can't parse uv.lock.\n\nIt has no package for the project '%s' of pyproject.toml." % root_name)
    versions = {}
    for p in packages:
        versions.setdefault(canonical(p["name"]), []).append(p)

    markers = {}  # id(package) -> the markers of the paths found to it (None: unconditional)
    walked = set()
    todo = [(dep, None) for dep in roots[0].get("dependencies") or []]
    while todo:
        dep, via = todo.pop()
        candidates = versions.get(canonical(dep["name"]), [])
        if "version" in dep:
            candidates = [p for p in candidates if p.get("version") == dep["version"]] or candidates
        if not candidates:
            continue
        p = candidates[0]
        marker = both(via, dep.get("marker"))
        seen = markers.setdefault(id(p), [])
        # A package reached under many different conditions is taken as unconditional (this also
        # ends the walk through cycles whose markers keep growing).
        marker = marker if len(seen) < 8 else None
        key = (id(p), marker, tuple(sorted(dep.get("extra") or [])))
        if key in walked:
            continue
        walked.add(key)
        seen.append(marker)
        edges = list(p.get("dependencies") or [])
        for extra in dep.get("extra") or []:
            edges += (p.get("optional-dependencies") or {}).get(extra, [])
        todo += [(e, marker) for e in edges]

    out = []
    for p in packages:
        if id(p) in markers and p not in roots:
            files = ([p["sdist"]] if "sdist" in p else []) + list(p.get("wheels") or [])
            hashes = [f["hash"] for f in files if f.get("hash")]
            out.append(Requirement(p["name"], uv_spec(p), hashes, join_markers(markers[id(p)])))
    return out


def main():
    kind, app, out_path = sys.argv[1:4]
    requirements = {"pipenv": pipenv, "poetry": poetry, "uv": uv}[kind](app)
    with_hashes = bool(requirements) and all(r.hashes for r in requirements)
    with open(out_path, "w") as out:
        for r in requirements:
            out.write(r.line(with_hashes) + "\n")
    print("%d %s" % (len(requirements), "hashes" if with_hashes else "nohashes"))


if __name__ == "__main__":
    main()
