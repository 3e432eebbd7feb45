#!/usr/bin/env bash
# Enables the plugin in the console (consoles.operator.openshift.io/cluster, spec.plugins), or with --disable
# takes it out, leaving every other plugin as it is. `oc patch --type=merge` would replace the whole list
# and `add /spec/plugins/-` would add a duplicate, so this reads the list and writes a JSON patch guarded by
# a `test` of the list it read: a concurrent change makes the write fail instead of undoing that change,
# and the script then reads again and retries.
#
#   deploy/enable-plugin.sh [--disable]      (uses oc, else kubectl; KUBECTL=... to choose)
set -euo pipefail

PLUGIN=virt-storage-plugin
CONSOLE=consoles.operator.openshift.io/cluster
ATTEMPTS=5

usage() {
  echo "usage: $0 [--disable]" >&2
  exit 2
}
action=enable
case "${1:-}" in
  "") ;;
  --disable) action=disable ;;
  -h | --help) usage ;;
  *) usage ;;
esac
[ $# -le 1 ] || usage

if [ -n "${KUBECTL:-}" ]; then
  read -r -a cli <<<"$KUBECTL"
elif command -v oc >/dev/null; then
  cli=(oc)
elif command -v kubectl >/dev/null; then
  cli=(kubectl)
else
  echo "error: neither oc nor kubectl is on PATH" >&2
  exit 1
fi

if [ "$action" = enable ] && ! "${cli[@]}" get "consoleplugins.console.openshift.io/$PLUGIN" -o name >/dev/null; then
  echo "error: ConsolePlugin $PLUGIN does not exist: install it first (oc apply -k deploy/)" >&2
  exit 1
fi

# One read gives the list as JSON (the exact value to test; empty when spec.plugins is absent) and its items.
read_plugins() {
  "${cli[@]}" get "$CONSOLE" -o jsonpath='{.spec.plugins}{"\n"}{range .spec.plugins[*]}{@}{"\n"}{end}'
}

for ((attempt = 1; attempt <= ATTEMPTS; attempt++)); do
  listing=$(read_plugins)
  current=$(head -n 1 <<<"$listing")
  mapfile -t items < <(tail -n +2 <<<"$listing" | sed '/^$/d')
  index=-1
  for i in "${!items[@]}"; do
    if [ "${items[$i]}" = "$PLUGIN" ]; then
      index=$i
      break
    fi
  done

  if [ "$action" = enable ]; then
    if [ "$index" -ge 0 ]; then
      echo "$PLUGIN is already enabled (spec.plugins: $current)"
      exit 0
    fi
    if [ -z "$current" ]; then
      patch="[{\"op\":\"test\",\"path\":\"/spec/plugins\",\"value\":null},{\"op\":\"add\",\"path\":\"/spec/plugins\",\"value\":[\"$PLUGIN\"]}]"
    else
      patch="[{\"op\":\"test\",\"path\":\"/spec/plugins\",\"value\":$current},{\"op\":\"add\",\"path\":\"/spec/plugins/-\",\"value\":\"$PLUGIN\"}]"
    fi
  else
    if [ "$index" -lt 0 ]; then
      echo "$PLUGIN is not enabled (spec.plugins: ${current:-none})"
      exit 0
    fi
    patch="[{\"op\":\"test\",\"path\":\"/spec/plugins\",\"value\":$current},{\"op\":\"remove\",\"path\":\"/spec/plugins/$index\"}]"
  fi

  if error=$("${cli[@]}" patch "$CONSOLE" --type=json -p "$patch" 2>&1 >/dev/null); then
    after=$("${cli[@]}" get "$CONSOLE" -o jsonpath='{.spec.plugins}')
    echo "${action^}d $PLUGIN (spec.plugins: ${after:-none})."
    echo "The console rolls out its pods and offers to refresh the page within a few minutes."
    exit 0
  fi
  # Only a list that changed since it was read is worth another try; anything else is the answer.
  if [ "$(read_plugins | head -n 1)" = "$current" ]; then
    echo "error: $error" >&2
    exit 1
  fi
  echo "spec.plugins changed while this script was writing; reading it again (attempt $attempt of $ATTEMPTS)" >&2
done
echo "error: spec.plugins kept changing; nothing was written. Try again." >&2
exit 1
