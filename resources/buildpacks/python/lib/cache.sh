#!/usr/bin/env bash
# The build cache: pip's download cache ($CACHE_DIR/pip) and the installed environment
# ($CACHE_DIR/.heroku/python), reused while the Python version, the package manager and the
# dependency file stay the same. Announced as the platform does.

dependency_digest() {
  sha256sum "$(dependency_file "$1")" 2>/dev/null | cut -d' ' -f1
}

restore_cache() {
  local manager="$1" version="$2" reasons=() cached_manager cached_digest
  [ -d "$CACHE_META/python" ] || return 0
  cached_manager="$(cat "$CACHE_META/package-manager" 2>/dev/null || true)"
  cached_digest="$(cat "$CACHE_META/dependencies-sha256" 2>/dev/null || true)"
  [ "$CACHED_VERSION" = "$version" ] ||
    reasons+=("The Python version has changed from ${CACHED_VERSION:-unknown} to $version")
  if [ "$cached_manager" != "$manager" ]; then
    reasons+=("The package manager has changed from ${cached_manager:-unknown} to $manager")
  elif [ "$cached_digest" != "$(dependency_digest "$manager")" ]; then
    reasons+=("The contents of $(dependency_file "$manager") changed")
  fi
  if [ "${#reasons[@]}" -gt 0 ]; then
    topic "Discarding cache since:"
    printf '       - %s\n' "${reasons[@]}"
    rm -rf "$CACHE_META/python"
    return 0
  fi
  topic "Restoring cache"
  mkdir -p .heroku
  rm -rf .heroku/python
  cp -a "$CACHE_META/python" .heroku/python
}

save_cache() {
  local manager="$1" version="$2"
  topic "Saving cache"
  mkdir -p "$CACHE_META"
  rm -rf "$CACHE_META/python"
  cp -a .heroku/python "$CACHE_META/python"
  echo "python-$version" >"$CACHE_META/python-version"
  echo "$manager" >"$CACHE_META/package-manager"
  dependency_digest "$manager" >"$CACHE_META/dependencies-sha256"
}
