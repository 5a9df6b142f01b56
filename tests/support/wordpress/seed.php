<?php
// php seed.php SITE_DIR JSON_OPTIONS: prepares a fresh test site and prints JSON (app password, version).
$site = $argv[1];
$options = json_decode($argv[2], true);
define('WP_ADMIN', true);
$_SERVER['HTTP_HOST'] = parse_url($options['url'], PHP_URL_HOST) . ':' . parse_url($options['url'], PHP_URL_PORT);
$_SERVER['REQUEST_METHOD'] = 'GET';
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$user = get_user_by('login', $options['user']);
wp_set_current_user($user->ID);

// Nothing may cover the editors in a headless browser.
update_user_meta($user->ID, 'wp_persisted_preferences', ['core/edit-post' => ['welcomeGuide' => false], '_modified' => gmdate('c')]);
update_user_meta($user->ID, 'metaboxhidden_post', []);
update_option('show_avatars', 0);
update_option('permalink_structure', '/%postname%/');
flush_rewrite_rules(true);

if (!empty($options['elementor'])) {
    $result = activate_plugin('elementor/elementor.php');
    if (is_wp_error($result)) { fwrite(STDERR, $result->get_error_message()); exit(1); }
    update_option('elementor_onboarded', true);
    delete_transient('elementor_activation_redirect');
    update_option('elementor_cpt_support', ['post', 'page']);
    update_option('elementor_experiment-home_screen', 'inactive');
    update_option('elementor_experiment-container', $options['elementorContainers'] ? 'active' : 'inactive');
    update_option('elementor_tracker_notice', '1');
    update_option('elementor_allow_tracking', 'no');
    update_user_meta($user->ID, 'elementor_introduction', [
        'ai_get_started' => true, 'ai-get-started-announcement' => true, 'flexbox' => true, 'exit_to' => true,
        'e-announcements' => true, 'globals_introduction' => true,
    ]);
    update_user_meta($user->ID, 'announcements_user_counter', 99);
}

$password = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => 'e2e-' . time()]);
if (is_wp_error($password)) { fwrite(STDERR, $password->get_error_message()); exit(1); }
global $wp_version;
echo json_encode(['appPassword' => $password[0], 'version' => $wp_version]);
