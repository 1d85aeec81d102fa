#!/usr/bin/env bash
# Django's collectstatic, run as the platform does: when Django is installed and a manage.py
# exists, unless DISABLE_COLLECTSTATIC is set; its failure fails the build.

run_collectstatic() {
  local manage status
  if [ "${DISABLE_COLLECTSTATIC:-0}" != "0" ]; then
    topic "Skipping Django collectstatic since the env var DISABLE_COLLECTSTATIC is set."
    return 0
  fi
  python -c "import sys, importlib.util; sys.exit(0 if importlib.util.find_spec('django') else 1)" 2>/dev/null || return 0
  manage="$(find . -maxdepth 3 -type f -name 'manage.py' -printf '%d\t%P\n' | sort -nk1 | cut -f2 | head -1)"
  if [ -z "$manage" ]; then
    topic "Skipping Django collectstatic since no manage.py file found."
    return 0
  fi
  topic "\$ python $manage collectstatic --noinput"
  set +e
  PYTHONPATH="${PYTHONPATH:-.}" python "$manage" collectstatic --noinput --traceback </dev/null 2>&1 | indent
  status="${PIPESTATUS[0]}"
  set -e
  echo
  [ "$status" = 0 ] && return 0
  error_block <<TEXT
Error: Unable to generate Django static files.

The 'python $manage collectstatic --noinput' Django
management command to generate static files failed.

See the traceback above for details.

You may need to update application code to resolve this error.
Or, you can disable collectstatic for this application:

   \$ heroku config:set DISABLE_COLLECTSTATIC=1

https://devcenter.heroku.com/articles/django-assets
TEXT
}
