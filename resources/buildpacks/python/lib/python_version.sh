#!/usr/bin/env bash
# The Python version an app asks for, as the platform reads it, and how it compares with the
# machine's python3 (the only interpreter a build here uses). Needs lib/messages.sh.

# read_requested_python_version BUILD_DIR PACKAGE_MANAGER CACHED_FULL_VERSION DEFAULT_MAJOR
# Sets REQUESTED_PYTHON_VERSION (X.Y or X.Y.Z) and PYTHON_VERSION_ORIGIN
# (runtime.txt, .python-version, Pipfile.lock, cached or default).
read_requested_python_version() {
  local build_dir="$1" package_manager="$2" cached="$3" default_major="$4" text
  if [ -f "$build_dir/runtime.txt" ]; then
    text="$(tr -d '[:space:]' <"$build_dir/runtime.txt")"
    if [[ "$text" =~ ^python-([0-9]+\.[0-9]+(\.[0-9]+)?)$ ]]; then
      REQUESTED_PYTHON_VERSION="${BASH_REMATCH[1]}"
      PYTHON_VERSION_ORIGIN="runtime.txt"
      return 0
    fi
    error_block <<TEXT
Error: Invalid Python version in runtime.txt.

The Python version specified in your runtime.txt file isn't
in the correct format.

The following file contents were found, which aren't valid:
$(cat "$build_dir/runtime.txt")

However, the runtime.txt file is deprecated since it has been
replaced by the .python-version file. As such, we recommend that
you switch to using a .python-version file instead of fixing
your runtime.txt file.

$(python_version_file_instructions runtime.txt "$default_major")
TEXT
  fi
  if [ -f "$build_dir/.python-version" ]; then
    text="$(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$build_dir/.python-version" | grep -v '^$' || true)"
    if [[ "$text" =~ ^([0-9]+\.[0-9]+(\.[0-9]+)?)$ ]]; then
      REQUESTED_PYTHON_VERSION="$text"
      PYTHON_VERSION_ORIGIN=".python-version"
      return 0
    fi
    error_block <<TEXT
Error: Invalid Python version in .python-version.

The Python version specified in your .python-version file
isn't in the correct format.

The following version was found:
$text

However, the Python version must be specified as either:
1. The major version only, for example: $default_major (recommended)
2. An exact patch version, for example: $default_major.999
TEXT
  fi
  if [ "$package_manager" = "pipenv" ]; then
    text="$(python3 -c 'import json,sys; r=(json.load(open(sys.argv[1])).get("_meta") or {}).get("requires") or {}; print(r.get("python_full_version") or r.get("python_version") or "")' \
      "$build_dir/Pipfile.lock" 2>/dev/null || true)"
    if [[ "$text" =~ ^[0-9]+\.[0-9]+(\.[0-9]+)?$ ]]; then
      REQUESTED_PYTHON_VERSION="$text"
      PYTHON_VERSION_ORIGIN="Pipfile.lock"
      return 0
    fi
  fi
  if [[ "$cached" =~ ^([0-9]+\.[0-9]+)\.[0-9]+$ ]]; then
    REQUESTED_PYTHON_VERSION="${BASH_REMATCH[1]}"
    PYTHON_VERSION_ORIGIN="cached"
  else
    REQUESTED_PYTHON_VERSION="$default_major"
    PYTHON_VERSION_ORIGIN="default"
  fi
}

announce_requested_python_version() {
  case "$PYTHON_VERSION_ORIGIN" in
    default) topic "No Python version was specified. Using the buildpack default: Python $REQUESTED_PYTHON_VERSION" ;;
    cached) topic "No Python version was specified. Using the same major version as the last build: Python $REQUESTED_PYTHON_VERSION" ;;
    *) topic "Using Python $REQUESTED_PYTHON_VERSION specified in $PYTHON_VERSION_ORIGIN" ;;
  esac
}

# The platform's warnings (or, with uv, errors) for an app without a .python-version file.
warn_if_python_version_file_missing() {
  local package_manager="$1" major="$2"
  case "$PYTHON_VERSION_ORIGIN" in
    default | cached)
      if [ "$package_manager" = "uv" ]; then
        error_block <<TEXT
Error: No Python version was specified.

When using the package manager uv on Heroku, you must specify
your app's Python version with a .python-version file.

To add a .python-version file:

1. Make sure you are in the root directory of your app
   and not a subdirectory.
2. Run 'uv python pin $major'
   (adjust to match your app's major Python version).
3. Commit the changes to your Git repository using
   'git add --all' and then 'git commit'.
TEXT
      fi
      warning_block <<TEXT
Warning: No Python version was specified.

Your app doesn't specify a Python version and so the buildpack
picked a default version for you.

Relying on this default version isn't recommended, since it
can change over time and may not be consistent with your local
development environment, CI or other instances of your app.

Please configure an explicit Python version for your app.

$(python_version_file_instructions "$PYTHON_VERSION_ORIGIN" "$major")
TEXT
      ;;
    runtime.txt)
      if [ "$package_manager" = "uv" ]; then
        error_block <<TEXT
Error: The runtime.txt file isn't supported when using uv.

When using the package manager uv on Heroku, you must specify
your app's Python version with a .python-version file and not
a runtime.txt file.
TEXT
      fi
      warning_block <<TEXT
Warning: The runtime.txt file is deprecated.

The runtime.txt file is deprecated since it has been replaced
by the more widely supported .python-version file:
https://devcenter.heroku.com/changelog-items/3141

Please switch to using a .python-version file instead.

$(python_version_file_instructions runtime.txt "$major")

In the future support for runtime.txt will be removed and
this warning will be made an error.
TEXT
      ;;
  esac
}

# Warns when the machine's python3 (MACHINE_VERSION X.Y.Z) is not the X.Y the app asked for.
warn_if_machine_python_differs() {
  local requested="$1" machine="$2" python="$3"
  local requested_major="${requested%.*}"
  [[ "$requested" =~ ^[0-9]+\.[0-9]+$ ]] && requested_major="$requested"
  if [ "$requested_major" != "${machine%.*}" ]; then
    warning_block <<TEXT
Warning: Python $requested_major isn't installed on this machine.

Your app asks for Python $requested ($PYTHON_VERSION_ORIGIN), however
this machine's Python is $machine ($python), and Dynodesk
never downloads a Python runtime. The app is built with, and
its dynos run, Python $machine instead.

Install Python $requested_major on this machine as python3, or change
your app's .python-version file to: ${machine%.*}
TEXT
  elif [ "$requested" != "$requested_major" ] && [ "$requested" != "$machine" ]; then
    info "Python $requested was asked for; this machine has Python $machine, which is used instead"
  fi
}
