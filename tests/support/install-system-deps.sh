#!/usr/bin/env bash
# The Debian packages the end-to-end suites need: PHP for WordPress's built-in server, MariaDB,
# Debian's WordPress 6.1.9, Chromium, and unzip for official plugin archives. The first step of
# `npm test`: it installs what is missing when it may (root, or password-less sudo), saying what,
# and otherwise stops at once naming the one command to run.
set -euo pipefail

base_packages=(php-cli php-mysql php-xml php-mbstring php-curl php-gd mariadb-server chromium unzip)
# `wordpress` depends on `apache2 | httpd`: name the tiny micro-httpd (never started) and forbid
# apache2 and mod_php, or apt pulls in a web server stack; without recommends it has no theme.
wordpress_packages=(wordpress wordpress-theme-twentytwentythree micro-httpd)

missing=()
for package in "${base_packages[@]}" "${wordpress_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "The end-to-end tests need Debian packages that are missing (${missing[*]}): run \"sudo bash tests/support/install-system-deps.sh\" once, then npm test again." >&2
  exit 1
fi

echo "system packages: installing ${missing[*]} (apt-get, for the end-to-end suites)"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${base_packages[@]}"
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${wordpress_packages[@]}" \
  apache2- libapache2-mod-php8.2- libapache2-mod-php-
