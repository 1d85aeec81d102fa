#!/usr/bin/env bash
# How a Node.js build fails: "-----> Build failed", then the cause in the platform's words on
# " !     " lines, and exit 1 (the push is rejected and no release is made).

build_failed() {
  # build_failed "first line" "more lines"...: the message, one argument a line ("" for a gap).
  echo ""
  echo "-----> Build failed"
  echo ""
  local line
  for line in "$@"; do echo " !     $line"; done
  echo ""
  exit 1
}

fail_invalid_package_json() {
  build_failed "Error: Unable to parse your package.json." "" \
    "Your package.json contains invalid JSON and could not be read:" "$1" "" \
    "Check the file for syntax errors such as trailing commas, missing commas," \
    "or unquoted keys, then commit and redeploy." \
    "https://devcenter.heroku.com/articles/troubleshooting-node-deploys"
}

# More than one package manager's lockfile (names as npm, pnpm, Yarn).
fail_multiple_lockfiles() {
  local -A file=([npm]=package-lock.json [pnpm]=pnpm-lock.yaml [Yarn]=yarn.lock)
  local list keep other steps=()
  list="$(IFS=,; echo "$*")"
  for keep in "$@"; do
    local remove=()
    for other in "$@"; do [ "$other" = "$keep" ] || remove+=("${file[$other]}"); done
    steps+=("If you use $keep:" "\$ git rm ${remove[*]}" "\$ git commit -m \"Remove unused lockfiles\"" "\$ git push heroku main" "")
  done
  build_failed "Error: Multiple lockfiles found." "" \
    "Multiple package managers ($list) have created lockfiles for this application," \
    "but only one can be used to install dependencies." "" \
    "Only one of the following package manager lockfiles is supported at a time:" \
    "- package-lock.json (npm)" "- yarn.lock (Yarn)" "- pnpm-lock.yaml (pnpm)" "" \
    "Keep the lockfile for the package manager you use and delete the rest, then commit and redeploy:" "" \
    "${steps[@]}" \
    "To stop the extra lockfiles from being committed again, add them to your .gitignore file."
}

fail_shrinkwrap_conflict() {
  build_failed "Error: Multiple lockfiles conflicting with npm-shrinkwrap.json." "" \
    "Only one lockfile can be used to install dependencies. Please make sure there is only" \
    "one of the following files in your application directory, then commit and redeploy:" "" \
    "- yarn.lock" "- pnpm-lock.yaml" "- package-lock.json" "- npm-shrinkwrap.json"
}

fail_conflicting_package_managers() {
  build_failed "Multiple package managers declared in package.json" "" \
    "Installing dependencies using the wrong package manager can result in missing packages or subtle bugs" \
    "in production. Only one of the following fields should be used, all others should be removed:" "" "$@"
}

fail_yarn_production_on_berry() {
  local skip=true
  [ "$1" = "true" ] && skip=false
  build_failed "Unsupported Yarn configuration: YARN_PRODUCTION" "" \
    "Yarn 2+ (Berry) does not support the YARN_PRODUCTION environment" \
    "variable and stops the build while loading its configuration." "" \
    "To fix, remove YARN_PRODUCTION and use YARN2_SKIP_PRUNING to control" \
    "whether devDependencies are pruned after the build:" "" \
    "\$ heroku config:unset YARN_PRODUCTION" "\$ heroku config:set YARN2_SKIP_PRUNING=$skip"
}

fail_no_package_manager() {
  build_failed "Unable to run $1 through Corepack." "" \
    "The package manager this app asks for ($1) could not be fetched or started by" \
    "Corepack (see its output above). Check the \"packageManager\" field in package.json" \
    "and that the npm registry is reachable, then redeploy." \
    "https://devcenter.heroku.com/articles/nodejs-support"
}

# An install that failed: the cause recognised in the package manager's own output ($2, a log).
fail_install() {
  local pm="$1" log="$2"
  if grep -qiE 'npm (ERR!|error) code EUSAGE' "$log" && grep -qi 'Please update your lock file' "$log"; then
    build_failed "Error: npm lockfile is not in sync." "" \
      "This error occurs when the contents of \`package.json\` contains a different" \
      "set of dependencies than the contents of \`package-lock.json\`." "" \
      "To fix this, run \`npm install\` locally in your app directory to regenerate the" \
      "lockfile, commit the changes to \`package-lock.json\`, and redeploy."
  elif grep -qi 'Your lockfile needs to be updated' "$log"; then
    build_failed "Outdated Yarn lockfile" "" \
      "Your application's yarn.lock does not match the dependencies in package.json." "" \
      "To fix, run yarn install in your project directory and commit the updated yarn.lock:" "" \
      "\$ yarn install" "\$ git add yarn.lock" "\$ git commit -m \"Updated Yarn lockfile\"" "\$ git push heroku main"
  elif grep -q 'YN0028' "$log"; then
    build_failed "Yarn lockfile is not in sync" "" \
      "Your application's yarn.lock does not match the dependencies in" \
      "package.json, and yarn install was run with --immutable so it refused" \
      "to modify the lockfile." "" \
      "To fix, run yarn install in your project directory and commit the updated yarn.lock:" "" \
      "\$ yarn install" "\$ git add yarn.lock" "\$ git commit -m \"Updated Yarn lockfile\"" "\$ git push heroku main"
  elif grep -q 'ERR_PNPM_OUTDATED_LOCKFILE' "$log"; then
    build_failed "Error: pnpm lockfile is not in sync." "" \
      "This error occurs when the contents of \`package.json\` contains a different" \
      "set of dependencies than the contents of \`pnpm-lock.yaml\`." "" \
      "To fix this, run \`pnpm install\` locally in your app directory to regenerate the" \
      "lockfile, commit the changes to \`pnpm-lock.yaml\`, and redeploy."
  elif grep -qiE 'npm (ERR!|error) code E404|Request failed "404 Not Found"|ERR_PNPM_FETCH_404|Response Code: 404|YN0035' "$log"; then
    build_failed "Error: Unable to install dependencies using $pm." "" \
      "A package could not be found in the npm registry (404). Check the log" \
      "output above for the package name and verify it exists and is spelled" \
      "correctly."
  elif grep -qiE "npm (ERR!|error) code ETARGET|Couldn't find any versions for|ERR_PNPM_NO_MATCHING_VERSION" "$log"; then
    build_failed "Error: Unable to install dependencies using $pm." "" \
      "One of your dependencies requests a package version that does not exist" \
      "in the npm registry. Check the log output above for the offending package" \
      "and version range, and update it to a version that has been published."
  elif grep -qiE 'npm (ERR!|error) code ERESOLVE' "$log"; then
    build_failed "Error: Conflict detected in requested npm dependencies." "" \
      "An \`ERESOLVE\` error during installation of npm dependencies means your app" \
      "contains two or more conflicting versions of the same dependency. The error" \
      "above should contain more detail about which dependencies are in conflict."
  fi
  build_failed "Error: Unable to install dependencies using $pm." "" \
    "Check the $pm output above for the cause, fix it and redeploy." \
    "https://devcenter.heroku.com/articles/troubleshooting-node-deploys"
}

# A lifecycle script of the app (heroku-prebuild, build, heroku-postbuild, heroku-cleanup) failed.
fail_script() {
  local name="$1" code="$2" log="$3"
  if grep -q "JavaScript heap out of memory" "$log"; then
    build_failed "Node.js Out-Of-Memory (OOM)" "" \
      "The \"$name\" script ran out of memory (exit code $code). The most common reason during a build is" \
      "excessive concurrent operations from asset bundlers like Webpack, Vite, or Rollup." \
      "As a temporary workaround, set NODE_OPTIONS=\"--max-old-space-size=VALUE_IN_MB\" for the failing script."
  fi
  build_failed "Error: A build script exited with a non-zero exit code." "" \
    "The \"$name\" script in package.json failed (exit code $code)." "" \
    "One of your app's lifecycle scripts (heroku-prebuild, build, heroku-postbuild," \
    "or heroku-cleanup) failed. This is usually caused by your application code or its" \
    "build configuration: a failing test, a compilation or bundler error, a missing" \
    "dependency, rather than a problem with the buildpack." "" \
    "Review the build log above for the underlying error, fix it, and redeploy." "" \
    "https://devcenter.heroku.com/articles/troubleshooting-node-deploys"
}
