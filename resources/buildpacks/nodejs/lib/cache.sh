#!/usr/bin/env bash
# The build cache, as the platform keeps it: $CACHE_DIR/node/cache holds the package manager's
# cache (or node_modules for `npm install`, or the app's cacheDirectories) and
# $CACHE_DIR/node/signature the versions it was made with; a change of version of node, npm,
# yarn, pnpm or stack leaves it unused. NODE_MODULES_CACHE=false turns it off.

cache_signature() {
  echo "v2; ${STACK:-}; $(node --version); ${NPM_VERSION:-$(npm --version)}; ${PM_VERSION:-}; ${PREBUILD}"
}

cache_status() {
  if [ "${NODE_MODULES_CACHE}" = false ]; then echo disabled
  elif [ ! -d "$CACHE_DIR/node" ]; then echo not-found
  elif [ "$(cache_signature)" != "$(cat "$CACHE_DIR/node/signature" 2>/dev/null)" ]; then echo new-signature
  else echo valid; fi
}

cache_directories() {
  local dirs
  dirs="$(pkg get cacheDirectories)"
  [ -n "$dirs" ] || dirs="$(pkg get cache_directories)"
  echo "$dirs"
}

# The default cache entry for this package manager: "name|where it lives in the build".
default_cache_entry() {
  case "$PM" in
    yarn) echo "yarn|$YARN_CACHE_FOLDER" ;;
    pnpm) echo "pnpm|$npm_config_store_dir" ;;
    *) if [ "$USE_NPM_INSTALL" = false ]; then echo "npm|$npm_config_cache"; else echo "node_modules|$BUILD_DIR/node_modules"; fi ;;
  esac
}

restore_cache() {
  local status dirs
  status="$(cache_status)"
  dirs="$(cache_directories)"
  rm -rf "$CACHE_DIR/npm" # what earlier versions of this buildpack kept
  case "$status" in
    disabled)
      step "Restoring cache"
      info "Caching has been disabled because NODE_MODULES_CACHE=${NODE_MODULES_CACHE}"
      ;;
    new-signature)
      step "Restoring cache"
      if [ -z "$dirs" ]; then
        info "Cached directories were not restored due to a change in version of node, npm, yarn or stack"
        info "Module installation may take longer for this build"
      else
        info "Invalidating cache due to a change in version of node, npm, yarn or stack"
        info "Will not restore the following directories for this build:"
        local d
        while IFS= read -r d; do info "  $d"; done <<<"$dirs"
      fi
      ;;
    valid)
      step "Restoring cache"
      if [ -z "$dirs" ]; then restore_default_cache; else restore_custom_cache "$dirs"; fi
      ;;
  esac
}

restore_default_cache() {
  local entry name where
  entry="$(default_cache_entry)"
  name="${entry%%|*}" where="${entry#*|}"
  if [ "$name" = node_modules ] && [ -e "$where" ]; then
    info "- node_modules is checked into source control and cannot be cached"
  elif [ "$name" = yarn ] && [ "$where" = "$BUILD_DIR/.yarn/cache" ] && [ -n "$(ls -A "$where" 2>/dev/null)" ]; then
    info "- yarn cache is checked into source control and cannot be cached"
  elif [ -e "$CACHE_DIR/node/cache/$name" ]; then
    rm -rf "$where"
    mkdir -p "$(dirname "$where")"
    mv "$CACHE_DIR/node/cache/$name" "$where"
    info "- $( [ "$name" = node_modules ] && echo node_modules || echo "$name cache")"
  else
    info "- $( [ "$name" = node_modules ] && echo node_modules || echo "$name cache") (not cached - skipping)"
  fi
}

restore_custom_cache() {
  local path
  info "Loading from cacheDirectories (package.json):"
  while IFS= read -r path; do
    if [ "$PM" = pnpm ] && [[ "$path" =~ ^node_modules(/|$) ]]; then
      info "- $path (skipping because pnpm is used)"
    elif [ -e "$BUILD_DIR/$path" ]; then
      info "- $path (exists - skipping)"
    elif [ -e "$CACHE_DIR/node/cache/$path" ]; then
      info "- $path"
      mkdir -p "$(dirname "$BUILD_DIR/$path")"
      mv "$CACHE_DIR/node/cache/$path" "$BUILD_DIR/$path"
    else
      info "- $path (not cached - skipping)"
    fi
  done <<<"$1"
  if [ "$PM" = pnpm ] && [ -d "$CACHE_DIR/node/cache/pnpm" ]; then
    info "- pnpm store (included because pnpm is used)"
    rm -rf "$npm_config_store_dir"
    mv "$CACHE_DIR/node/cache/pnpm" "$npm_config_store_dir"
  fi
}

save_cache() {
  local dirs
  rm -rf "$CACHE_DIR/node"
  mkdir -p "$CACHE_DIR/node/cache"
  if [ "${NODE_MODULES_CACHE}" != false ]; then
    step "Caching build"
    dirs="$(cache_directories)"
    if [ -z "$dirs" ]; then save_default_cache; else save_custom_cache "$dirs"; fi
  fi
  cache_signature > "$CACHE_DIR/node/signature"
}

save_default_cache() {
  local entry name where label
  entry="$(default_cache_entry)"
  name="${entry%%|*}" where="${entry#*|}"
  label="$name cache"
  [ "$name" = node_modules ] && label=node_modules
  if [ "$name" = yarn ] && [ "$where" = "$BUILD_DIR/.yarn/cache" ]; then
    info "- yarn cache is checked into source control and cannot be cached"
  elif [ -d "$where" ] && [ -n "$(ls -A "$where" 2>/dev/null)" ]; then
    cp -a "$where" "$CACHE_DIR/node/cache/$name"
    info "- $label"
  else
    info "- $label (nothing to cache)"
  fi
}

save_custom_cache() {
  local path
  info "Saving cacheDirectories (package.json):"
  while IFS= read -r path; do
    if [ "$PM" = pnpm ] && [[ "$path" =~ ^node_modules(/|$) ]]; then
      info "- $path (skipping because pnpm is used)"
    elif [ -e "$BUILD_DIR/$path" ]; then
      info "- $path"
      mkdir -p "$(dirname "$CACHE_DIR/node/cache/$path")"
      cp -a "$BUILD_DIR/$path" "$CACHE_DIR/node/cache/$path"
    else
      info "- $path (nothing to cache)"
    fi
  done <<<"$1"
  if [ "$PM" = pnpm ] && [ -d "$npm_config_store_dir" ]; then
    info "- pnpm store (included because pnpm is used)"
    cp -a "$npm_config_store_dir" "$CACHE_DIR/node/cache/pnpm"
  fi
}
