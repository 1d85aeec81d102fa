#!/usr/bin/env bash
# Multi-line notices in the platform's layout: a blank line, each line prefixed " !     ", a blank
# line, on stderr (the build log shows both streams).
warning_block() {
  echo >&2
  sed -e 's/^/ !     /' >&2
  echo >&2
}
# error_block, then exit 1.
error_block() {
  warning_block
  exit 1
}

# The platform's advice on writing a .python-version file ($1: the origin being replaced, $2: X.Y).
python_version_file_instructions() {
  if [ "$1" = "runtime.txt" ]; then
    echo "Delete your runtime.txt file and create a new file in the"
    echo "root directory of your app named:"
  else
    echo "Create a new file in the root directory of your app named:"
  fi
  cat <<TEXT
.python-version

Make sure to include the '.' character at the start of the
filename. Don't add a file extension such as '.txt'.

In the new file, specify your app's major Python version number
only. Don't include quotes or a 'python-' prefix.

For example, to request the latest version of Python $2,
update your .python-version file so it contains exactly:
$2
TEXT
}

no_package_manager_error() {
  error_block <<TEXT
Error: Couldn't find any supported Python package manager files.

A Python app on Heroku must have either a 'requirements.txt',
'Pipfile.lock', 'poetry.lock' or 'uv.lock' package manager file
in the root directory of its source code.

Currently the root directory of your app contains:

$(ls -1A --indicator-style=slash "$1" || true)

If your app already has a package manager file, check that it:

1. Is in the top level directory (not a subdirectory).
2. Has the correct spelling (the filenames are case-sensitive).
3. Isn't listed in '.gitignore' or '.slugignore'.
4. Has been added to the Git repository using 'git add --all'
   and then committed using 'git commit'.

Otherwise, add a package manager file to your app. If your app has
no dependencies, then create an empty 'requirements.txt' file.
TEXT
}

pipfile_without_lock_error() {
  error_block <<'TEXT'
Error: No 'Pipfile.lock' found!

A 'Pipfile' file was found, however, the associated 'Pipfile.lock'
Pipenv lockfile wasn't. This means your app dependency versions
aren't pinned, which means the package versions used on Heroku
might not match those installed in other environments.

Using Pipenv in this way is unsafe and no longer supported.
Run 'pipenv lock' locally to generate the lockfile, and make sure
that 'Pipfile.lock' isn't listed in '.gitignore' or '.slugignore'.

Alternatively, if you wish to switch to another package manager,
delete your 'Pipfile' and then add either a 'requirements.txt',
'poetry.lock' or 'uv.lock' file.
TEXT
}

multiple_package_managers_error() {
  error_block <<TEXT
Error: Multiple Python package manager files were found.

Exactly one package manager file should be present in your app's
source code, however, several were found:

$(printf -- "%s\n" "$@")

Previously, the buildpack guessed which package manager to use
and installed your dependencies with the first package manager
listed above. However, this implicit behaviour was deprecated
in November 2024 and is now no longer supported.

You must decide which package manager you want to use with your
app, and then delete the file(s) and any config from the others.
TEXT
}
