#!/usr/bin/env bash
# The package manager, the virtual environment at .heroku/python and the dependencies in it.
# Needs lib/messages.sh and bin/compile's helpers (topic, info, indent).

# Prints pip, pipenv, poetry or uv; fails as the platform does on none, several, or a Pipfile alone.
determine_package_manager() {
  local dir="$1" found=() shown=()
  if [ -f "$dir/Pipfile.lock" ]; then
    found+=(pipenv); shown+=("Pipfile.lock (Pipenv)")
  elif [ -f "$dir/Pipfile" ]; then
    pipfile_without_lock_error
  fi
  if [ -f "$dir/requirements.txt" ]; then found+=(pip); shown+=("requirements.txt (pip)"); fi
  if [ -f "$dir/poetry.lock" ]; then found+=(poetry); shown+=("poetry.lock (Poetry)"); fi
  if [ -f "$dir/uv.lock" ]; then found+=(uv); shown+=("uv.lock (uv)"); fi
  case "${#found[@]}" in
    1) echo "${found[0]}" ;;
    0) no_package_manager_error "$dir" ;;
    *) multiple_package_managers_error "${shown[@]}" ;;
  esac
}

# The dependency file whose contents decide whether the cached environment can be reused.
dependency_file() {
  case "$1" in
    pip) echo requirements.txt ;;
    pipenv) echo Pipfile.lock ;;
    poetry) echo poetry.lock ;;
    uv) echo uv.lock ;;
  esac
}

create_environment() {
  local python="$1" out
  rm -rf .heroku/python
  mkdir -p .heroku
  if ! out="$("$python" -m venv .heroku/python </dev/null 2>&1)"; then
    echo "$out" | indent
    rm -rf .heroku/python
    if echo "$out" | grep -qi 'ensurepip'; then
      fail "python3 cannot create a virtual environment with pip: ensurepip is missing." \
           "Install the Debian package python3-venv (or python3.X-venv for your python3) and push again."
    fi
    fail "python3 -m venv failed (output above)."
  fi
  info "$(.heroku/python/bin/python -m pip --version | sed 's/ from .*//') and setuptools, from this machine's Python"
}

# Runs pip install with the given arguments, its output indented and without the environment's
# path after "Requirement already satisfied: ..."; fails the build with the platform's error.
pip_install() {
  local what="$1"; shift
  if ! .heroku/python/bin/pip install --exists-action=w --src="$BUILD_DIR/.heroku/python/src" "$@" </dev/null 2>&1 |
      sed -u -E 's# in (/[^ ]*|\.)/\.heroku/python/lib/python[0-9.]+/site-packages##' | indent; then
    error_block <<TEXT
Error: Unable to install dependencies using $what.

See the log output above for more information.
TEXT
  fi
}

install_dependencies() {
  local manager="$1" lockfile tool req summary
  export PIP_CACHE_DIR="$CACHE_DIR/pip"
  mkdir -p "$PIP_CACHE_DIR"
  if [ "$manager" = pip ]; then
    topic "Installing dependencies using 'pip install -r requirements.txt'"
    if grep -Eq '^[[:space:]]*[^#[:space:]]' requirements.txt; then
      pip_install pip -r requirements.txt
    fi
    return 0
  fi
  lockfile="$(dependency_file "$manager")"
  case "$manager" in pipenv) tool=Pipenv ;; poetry) tool=Poetry ;; uv) tool=uv ;; esac
  req="$(mktemp "${TMPDIR:-/tmp}/locked-requirements.XXXXXX")"
  if ! summary="$(.heroku/python/bin/python "$BUILDPACK_DIR/lib/locked_requirements.py" "$manager" "$BUILD_DIR" "$req" 2>&1)"; then
    echo "$summary" | error_block
  fi
  local args=(--no-deps -r "$req")
  [ "${summary#* }" = hashes ] && args=(--require-hashes "${args[@]}")
  topic "Installing dependencies from $lockfile ($tool's lockfile) using 'pip install ${args[*]:0:${#args[@]}-1} <the locked versions>'"
  info "$tool is not used: pip installs the ${summary% *} main packages $lockfile pins"
  if [ "${summary% *}" != 0 ]; then
    pip_install "pip (from $lockfile)" "${args[@]}"
  fi
  rm -f "$req"
}

# pip writes the build dir's absolute path into scripts and a few files; make the environment
# work wherever the slug is unpacked (/app in a dyno).
make_relocatable() {
  local env="$BUILD_DIR/.heroku/python" script first
  for script in .heroku/python/bin/*; do
    [ -f "$script" ] && [ ! -L "$script" ] || continue
    first="$(head -n 1 "$script" 2>/dev/null || true)"
    case "$first" in
      "#!$env/bin/python"*)
        # A shell trampoline that runs the python next to the script, as pip writes for long paths.
        sed -i "1s|.*|#!/bin/sh\n'''exec' \"\$(dirname -- \"\$0\")/python\" \"\$0\" \"\$@\"\n' '''|" "$script" ;;
      "#!/bin/sh")
        sed -i "s|'''exec' \"$env/bin/|'''exec' \"\$(dirname -- \"\$0\")/|" "$script" ;;
    esac
  done
  for f in .heroku/python/bin/activate .heroku/python/bin/activate.csh .heroku/python/bin/activate.fish .heroku/python/pyvenv.cfg; do
    [ -f "$f" ] && sed -i "s|$env|/app/.heroku/python|g" "$f"
  done
  find .heroku/python/lib/python*/site-packages/ -type f \( -name '*.egg-link' -o -name '*.pth' -o -name '__editable___*_finder.py' \) \
    -exec sed -i -e "s#$env#/app/.heroku/python#g" -e "s#$BUILD_DIR#/app#g" {} + 2>/dev/null || true
  find .heroku/python -name '__pycache__' -type d -prune -exec rm -rf {} + 2>/dev/null || true
}

write_profile() {
  mkdir -p .profile.d
  cat > .profile.d/python.sh <<'PROFILE'
export VIRTUAL_ENV="$HOME/.heroku/python"
export PATH="$HOME/.heroku/python/bin:$PATH"
export PYTHONUNBUFFERED="${PYTHONUNBUFFERED:-true}"
export PYTHONPATH="${PYTHONPATH:-$HOME}"
export LANG="${LANG:-en_US.UTF-8}"
# Editable installs name /app; point them at this dyno's home when it is elsewhere.
if [ "$HOME" != "/app" ]; then
  find "$HOME"/.heroku/python/lib/python*/site-packages/ -type f \( -name '*.egg-link' -o -name '*.pth' -o -name '__editable___*_finder.py' \) \
    -exec sed -i -e "s#/app/#$HOME/#g" {} + 2>/dev/null || true
fi
PROFILE
}
