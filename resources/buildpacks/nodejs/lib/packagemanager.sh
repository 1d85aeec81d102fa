#!/usr/bin/env bash
# The app's package manager: npm, Yarn 1, Yarn 2+ (Berry) or pnpm, chosen by the lockfile (and
# the packageManager field for the version); Yarn and pnpm run through the machine's Corepack,
# which fetches them from the npm registry into the build cache. Needs BUILD_DIR, CACHE_DIR,
# BP_DIR, SCRATCH and the helpers of bin/compile.

# package.json, read once (pkg_load, after `pkg valid`) into PKG_GET and PKG_SCRIPT:
#   pkg valid          exit 0 when package.json holds a JSON object, else the parser's words
#   pkg get a.b        the value (an array one item a line), nothing when absent
#   pkg script NAME    exit 0 when scripts.NAME is a non-empty command
declare -gA PKG_GET=() PKG_SCRIPT=()
pkg_load() {
  local assignments
  assignments="$(cd "$BUILD_DIR" && node "$BP_DIR/lib/package-json.js" dump)" || return 1
  PKG_GET=() PKG_SCRIPT=()
  eval "$assignments"
}
pkg() {
  case "$1" in
    valid) (cd "$BUILD_DIR" && node "$BP_DIR/lib/package-json.js" valid) ;;
    get) [ -z "${PKG_GET[$2]:-}" ] || printf '%s\n' "${PKG_GET[$2]}" ;;
    script) [ -n "${PKG_SCRIPT[$2]:-}" ] ;;
    *) echo "pkg: unknown request $1" >&2; return 64 ;;
  esac
}

# Sets PM (npm|yarn|pnpm) and YARN_2 (true|false), or fails on conflicting lockfiles/fields.
detect_package_manager() {
  local found=() field
  [ -f "$BUILD_DIR/package-lock.json" ] && found+=(npm)
  [ -f "$BUILD_DIR/pnpm-lock.yaml" ] && found+=(pnpm)
  [ -f "$BUILD_DIR/yarn.lock" ] && found+=(Yarn)
  [ "${#found[@]}" -gt 1 ] && fail_multiple_lockfiles "${found[@]}"
  [ "${#found[@]}" -gt 0 ] && [ -f "$BUILD_DIR/npm-shrinkwrap.json" ] && fail_shrinkwrap_conflict
  check_declared_package_managers

  field="$(pkg get packageManager)"
  PM=npm
  if [ -f "$BUILD_DIR/yarn.lock" ]; then
    PM=yarn
  elif [ -f "$BUILD_DIR/pnpm-lock.yaml" ]; then
    PM=pnpm
  fi
  YARN_2=false
  if [ "$PM" = yarn ]; then
    if grep -q '^__metadata:' "$BUILD_DIR/yarn.lock" || [[ "$field" =~ ^yarn@([2-9]|[1-9][0-9]) ]]; then
      YARN_2=true
    fi
  fi
}

# engines.npm/yarn/pnpm and packageManager must name one package manager.
check_declared_package_managers() {
  local -A named=()
  local fields=() value
  for value in npm yarn pnpm; do
    local engine
    engine="$(pkg get "engines.$value")"
    if [ -n "$engine" ]; then
      named[$value]=1
      fields+=("- $value version declared in engines.$value ($engine)")
    fi
  done
  value="$(pkg get packageManager)"
  case "$value" in
    yarn*) named[yarn]=1; fields+=("- yarn version declared in packageManager ($value)") ;;
    pnpm*) named[pnpm]=1; fields+=("- pnpm version declared in packageManager ($value)") ;;
  esac
  [ "${#named[@]}" -gt 1 ] && fail_conflicting_package_managers "${fields[@]}"
  return 0
}

# The version (or Corepack spec) of yarn/pnpm to run: packageManager, else engines, else a default.
package_manager_spec() {
  local field engine
  field="$(pkg get packageManager)"
  if [[ "$field" == "$PM@"* ]]; then
    echo "${field%%+*}"
    return
  fi
  engine="$(pkg get "engines.$PM")"
  if [ -n "$engine" ]; then
    echo "$PM@$engine"
  elif [ "$PM" = yarn ]; then
    echo "yarn@1.22.22"
  else
    echo "pnpm@latest"
  fi
}

# Installs yarn or pnpm shims (on PATH for the build and its scripts) that run the app's version
# through Corepack; Corepack's downloads stay in the build cache.
install_package_manager() {
  local spec bin="$SCRATCH/bin"
  export COREPACK_HOME="$CACHE_DIR/corepack"
  export COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_ENABLE_AUTO_PIN=0 COREPACK_ENABLE_STRICT=0
  # From the registry npm uses (a mirror or proxy included), never from another host.
  COREPACK_NPM_REGISTRY="${COREPACK_NPM_REGISTRY:-$(npm config get registry 2>/dev/null | sed 's#/*$##')}"
  export COREPACK_NPM_REGISTRY
  # Corepack (node's own fetch) trusts the certificates npm is told to trust (npm's cafile).
  local cafile
  cafile="$(npm config get cafile 2>/dev/null || true)"
  if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$cafile" ] && [ -r "$cafile" ]; then
    export NODE_EXTRA_CA_CERTS="$cafile"
  fi
  spec="$(package_manager_spec)"
  [ "$spec" = "pnpm@latest" ] && warn_default_pnpm
  mkdir -p "$bin" "$COREPACK_HOME"
  printf '#!/bin/sh\nexec corepack %q "$@"\n' "$spec" > "$bin/$PM"
  chmod +x "$bin/$PM"
  export PATH="$bin:$PATH"
  local version
  if ! version="$("$PM" --version 2>"$SCRATCH/corepack.log")" && grep -q 'No compatible signature found' "$SCRATCH/corepack.log"; then
    # A registry (mirror or proxy) whose metadata carries no signatures: the tarball's
    # integrity is still checked, the signature cannot be.
    warn "The npm registry's metadata for $PM carries no signatures (a mirror or a proxy?)." \
      "Corepack fetches $spec without checking them (COREPACK_INTEGRITY_KEYS=0)."
    export COREPACK_INTEGRITY_KEYS=0
    version="$("$PM" --version 2>"$SCRATCH/corepack.log")" || version=""
  fi
  if [ -z "$version" ]; then
    indent < "$SCRATCH/corepack.log"
    fail_no_package_manager "$spec"
  fi
  PM_VERSION="$version"
  if [ "$PM" = yarn ] && ! $YARN_2 && [ "${version%%.*}" != 1 ]; then
    YARN_2=true
  fi
  info "Using $PM $version (Corepack $(corepack --version))"
}

# A warning as the platform prints them: " !     " lines between blank lines, on stderr.
warn() {
  local line
  { echo ""; for line in "$@"; do echo " !     $line"; done; echo ""; } >&2
}

warn_default_pnpm() {
  warn "Default pnpm version used" "" \
    "A pnpm lockfile (pnpm-lock.yaml) was detected but no specific version of pnpm was defined" \
    "in package.json in either of the following fields: \"packageManager\", \"engines.pnpm\"." \
    "Without a specific version defined, this build will use \"pnpm@latest\" by default."
}

# Where each package manager keeps its downloads during the build (restored from and saved to
# the build cache by lib/cache.sh).
configure_package_manager_caches() {
  export npm_config_cache="$SCRATCH/npm-cache"
  export YARN_CACHE_FOLDER="$SCRATCH/yarn-cache"
  if $YARN_2; then
    export YARN_GLOBAL_FOLDER="$SCRATCH/yarn-global" YARN_ENABLE_GLOBAL_CACHE=false
    export YARN_ENABLE_TELEMETRY=0 YARN_ENABLE_PROGRESS_BARS=false
    # Plug'n'Play loads packages from the cache at run time: it must live in the app.
    if ! grep -Eq '^nodeLinker:[[:space:]]*"?node-modules' "$BUILD_DIR/.yarnrc.yml" 2>/dev/null; then
      YARN_CACHE_FOLDER="$BUILD_DIR/.yarn/cache"
    fi
  fi
  export npm_config_store_dir="$SCRATCH/pnpm-store" pnpm_config_store_dir="$SCRATCH/pnpm-store"
  mkdir -p "$npm_config_cache" "$YARN_CACHE_FOLDER" "$npm_config_store_dir"
}

# Runs a command with its output indented, kept in $SCRATCH/last.log; returns its exit code.
run_logged() {
  local status=0
  "$@" </dev/null 2>&1 | tee "$SCRATCH/last.log" | indent || status=${PIPESTATUS[0]}
  return "$status"
}

install_dependencies() {
  local cmd=()
  cd "$BUILD_DIR"
  case "$PM" in
    npm)
      local production="${NPM_CONFIG_PRODUCTION:-false}" include=(--include=dev)
      [ "$production" = true ] && include=(--omit=dev)
      if [ -d node_modules ] && [ "$PREBUILD" = true ]; then
        info "Prebuild detected (node_modules already exists)"
        info "Rebuilding any native modules"
        run_logged npm rebuild || fail_install npm "$SCRATCH/last.log"
        info "Installing any new modules (package.json)"
        cmd=(npm install "${include[@]}")
      elif [ "$USE_NPM_INSTALL" = false ]; then
        info "Installing node modules"
        cmd=(npm ci "${include[@]}")
      else
        if [ -f package-lock.json ]; then info "Installing node modules (package.json + package-lock)"
        elif [ -f npm-shrinkwrap.json ]; then info "Installing node modules (package.json + shrinkwrap)"
        else info "Installing node modules (package.json)"; fi
        cmd=(npm install "${include[@]}")
      fi
      ;;
    yarn)
      if $YARN_2; then
        info "Running 'yarn install' with yarn.lock"
        cmd=(yarn install --immutable)
      else
        info "Installing node modules (yarn.lock)"
        cmd=(yarn install "--production=${YARN_PRODUCTION:-false}" --frozen-lockfile --ignore-engines --prefer-offline --non-interactive)
      fi
      ;;
    pnpm)
      info "Running 'pnpm install' with pnpm-lock.yaml"
      cmd=(pnpm install --prod=false --frozen-lockfile)
      ;;
  esac
  run_logged "${cmd[@]}" || fail_install "$PM" "$SCRATCH/last.log"
}

# Runs scripts.NAME with the app's package manager, announced as the platform does; a failure
# fails the build naming the script.
run_script() {
  local name="$1" flags="${2:-}" status=0 cmd
  case "$PM" in
    npm) info "Running $name"; cmd=(npm run "$name" --if-present) ;;
    yarn) info "Running $name (yarn)"; cmd=(yarn run "$name") ;;
    pnpm) info "Running $name"; cmd=(pnpm run "$name") ;;
  esac
  if [ -n "$flags" ]; then
    info "Running with $flags flags"
    [ "$PM" = npm ] && cmd+=(--)
    cmd+=("$flags")
  fi
  cd "$BUILD_DIR"
  run_logged "${cmd[@]}" || status=$?
  [ "$status" -eq 0 ] || fail_script "$name" "$status" "$SCRATCH/last.log"
}

run_prebuild_script() {
  pkg script heroku-prebuild || return 0
  step "Prebuild"
  run_script heroku-prebuild
  pkg_load # the script may have changed package.json
}

run_build_script() {
  if pkg script heroku-postbuild; then
    pkg script build && info "Detected both \"build\" and \"heroku-postbuild\" scripts"
    run_script heroku-postbuild
  elif pkg script build; then
    run_script build "${NODE_BUILD_FLAGS:-}"
  fi
}

run_cleanup_script() {
  pkg script heroku-cleanup || return 0
  step "Cleanup"
  run_script heroku-cleanup
}

# Removes devDependencies from node_modules unless the app opts out (NODE_ENV other than
# production, NPM_CONFIG_PRODUCTION, YARN_PRODUCTION, YARN2_SKIP_PRUNING, PNPM_SKIP_PRUNING).
prune_devdependencies() {
  cd "$BUILD_DIR"
  if [ "$NODE_ENV" = test ]; then
    info "Skipping because NODE_ENV is 'test'"
  elif [ "$NODE_ENV" != production ]; then
    info "Skipping because NODE_ENV is not 'production'"
  elif [ "$PM" = npm ] && [ -n "${NPM_CONFIG_PRODUCTION:-}" ]; then
    info "Skipping because NPM_CONFIG_PRODUCTION is '$NPM_CONFIG_PRODUCTION'"
  elif [ "$PM" = yarn ] && ! $YARN_2 && [ -n "${YARN_PRODUCTION:-}" ]; then
    info "Skipping because YARN_PRODUCTION is '$YARN_PRODUCTION'"
  elif [ "$PM" = yarn ] && $YARN_2 && [ "${YARN2_SKIP_PRUNING:-}" = true ]; then
    info "Skipping because YARN2_SKIP_PRUNING is '$YARN2_SKIP_PRUNING'"
  elif [ "$PM" = pnpm ] && [ "${PNPM_SKIP_PRUNING:-}" = true ]; then
    info "Skipping because PNPM_SKIP_PRUNING is '$PNPM_SKIP_PRUNING'"
  else
    local cmd
    case "$PM" in
      npm) cmd=(npm prune --omit=dev) ;;
      pnpm) cmd=(pnpm prune --prod --ignore-scripts) ;;
      yarn)
        if $YARN_2; then
          info "Running 'yarn workspaces focus --all --production'"
          cmd=(yarn workspaces focus --all --production)
        else
          cmd=(yarn install --production=true --frozen-lockfile --ignore-engines --ignore-scripts --prefer-offline --non-interactive)
        fi
        ;;
    esac
    run_logged "${cmd[@]}" || build_failed "Error: Unable to prune devDependencies using $PM." "" \
      "Check the $PM output above for the cause, fix it and redeploy."
  fi
}
