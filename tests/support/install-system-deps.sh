#!/usr/bin/env bash
# Debian packages the end-to-end suites need: PHP for WordPress's built-in server, MariaDB,
# Debian's WordPress 6.1.9 (7.1.0 and Elementor come from ../shared/vendor), Chromium.
# Idempotent: apt runs only when something is missing. Needs root or sudo.
set -euo pipefail

base_packages=(php-cli php-mysql php-xml php-mbstring php-curl php-gd mariadb-server chromium xz-utils)
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
  echo "install-system-deps: all Debian packages present"
  exit 0
fi

echo "install-system-deps: installing ${missing[*]}"
as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y --no-install-recommends "${base_packages[@]}"
"${as_root[@]}" apt-get install -y --no-install-recommends "${wordpress_packages[@]}" \
  apache2- libapache2-mod-php8.2- libapache2-mod-php-
