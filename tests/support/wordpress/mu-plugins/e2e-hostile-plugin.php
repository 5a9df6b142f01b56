<?php
/*
 * Plugin Name: PressPilot e2e: a hostile plugin on demand
 * Description: Test sites only. With the cookie e2e_hostile=1, every editor page gets the script
 * a malicious plugin would add: it tries every channel into PressPilot it can reach.
 */
add_action('admin_enqueue_scripts', function ($hook) {
    if (!isset($_COOKIE['e2e_hostile']) || !in_array($hook, array('post.php', 'post-new.php'), true)) return;
    wp_register_script('e2e-hostile', false, array(), null, false);
    wp_enqueue_script('e2e-hostile');
    wp_add_inline_script('e2e-hostile', file_get_contents(__DIR__ . '/e2e-hostile-plugin.js'));
}, 0);
