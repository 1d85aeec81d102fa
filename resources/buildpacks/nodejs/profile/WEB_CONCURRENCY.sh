# Written by the Node.js buildpack: WEB_MEMORY and WEB_CONCURRENCY for the dyno's memory, as the
# platform sets them. The memory is MEMORY_AVAILABLE when set (the emulator sets it to the dyno
# size's memory; a config var wins), else the memory cgroup's limit when the dyno can read it
# (cgroup v1 or v2), else 512 MB (a standard-1X dyno).
nodejs_detect_memory() {
  local limit="" own
  if [ -r /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
    limit="$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)"
  else
    own="$(sed -n 's/^0:://p' /proc/self/cgroup 2>/dev/null)"
    [ -r "/sys/fs/cgroup${own}/memory.max" ] && limit="$(cat "/sys/fs/cgroup${own}/memory.max")"
  fi
  case "$limit" in
    ''|*[!0-9]*) echo 512 ;;
    *) limit=$((limit / 1048576)); [ "$limit" -gt 129024 ] && limit=129024; echo "$limit" ;;
  esac
}
export MEMORY_AVAILABLE="${MEMORY_AVAILABLE-$(nodejs_detect_memory)}"
if [ "$MEMORY_AVAILABLE" -gt 16384 ] 2>/dev/null; then
  export WEB_MEMORY="${WEB_MEMORY-2048}"
else
  export WEB_MEMORY="${WEB_MEMORY-512}"
fi
if [ -z "${WEB_CONCURRENCY:-}" ]; then
  WEB_CONCURRENCY=$((MEMORY_AVAILABLE / WEB_MEMORY))
  if [ "$WEB_CONCURRENCY" -lt 1 ]; then
    WEB_CONCURRENCY=1
  elif [ "$WEB_CONCURRENCY" -gt 200 ]; then
    WEB_CONCURRENCY=1
    echo "Could not determine a reasonable value for WEB_CONCURRENCY; it has been set to 1." >&2
  fi
  export WEB_CONCURRENCY WEB_CONCURRENCY_SET_BY="heroku/nodejs"
fi
if [ "${LOG_CONCURRENCY:-}" = "true" ]; then
  echo "Detected $MEMORY_AVAILABLE MB available memory, $WEB_MEMORY MB limit per process (WEB_MEMORY)"
  echo "Recommending WEB_CONCURRENCY=$WEB_CONCURRENCY"
fi
unset -f nodejs_detect_memory
