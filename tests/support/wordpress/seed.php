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
update_user_meta($user->ID, 'show_welcome_panel', 0);
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
    // Announcements, pointers and banners, each shown until its introduction key is set
    // (3.21's and 4.2's: the Go Pro banner, the Apps and AI pointers, seasonal promotions).
    update_user_meta($user->ID, 'elementor_introduction', [
        'ai_get_started' => true, 'ai-get-started-announcement' => true, 'flexbox' => true, 'exit_to' => true,
        'e-announcements' => true, 'globals_introduction' => true, 'conversion_banner_go_pro' => true, 'e-apps' => true,
        'e-ai-product-image-unification' => true, 'birthday_pointer_2026' => true, 'black_friday_pointer_2025' => true,
        'atomic_elements_promo' => true,
    ]);
    update_user_meta($user->ID, 'announcements_user_counter', 99);
    // Elementor 4 opens screens by editor visit count: the launchpad checklist on the second, the
    // atomic-elements welcome popover on the first two, a Pro trial popup and the Angie guide later.
    update_user_meta($user->ID, 'elementor_preferences', ['show_launchpad_checklist' => '']);
    update_option('elementor_checklist', wp_json_encode(['last_opened_timestamp' => time(), 'is_popup_minimized' => true]));
    update_user_meta($user->ID, '_e_welcome_popover_displayed', true);
    update_user_meta($user->ID, '_e_pro_free_trial_popup_displayed', true);
    update_option('elementor_angie_guide_auto_shown', 'yes');
}

// SEO plugins, each with the switches that skip its onboarding (../shared/notes/seo-plugins.md);
// written right after activation, before any wp-admin page could redirect to a wizard.
foreach ($options['plugins'] ?? [] as $main) {
    $result = activate_plugin($main);
    if (is_wp_error($result)) { fwrite(STDERR, $result->get_error_message()); exit(1); }
    $introductions = get_user_meta($user->ID, 'elementor_introduction', true) ?: [];
    switch (dirname($main)) {
        case 'wordpress-seo':
            WPSEO_Options::set('should_redirect_after_install_free', false);
            update_user_meta($user->ID, '_yoast_alerts_dismissed', ['webinar-promo-notification' => true]);
            $introductions += ['yoast-introduction' => true, 'yoast-introduction-editor-v2' => true];
            break;
        case 'seo-by-rank-math':
            delete_transient('_rank_math_activation_redirect');
            update_option('rank_math_registration_skip', 1);
            update_option('rank_math_wizard_completed', true);
            break;
        case 'all-in-one-seo-pack':
            update_option('aioseo_activation_redirect', true);
            aioseo()->core->cache->delete('activation_redirect');
            $introductions += ['aioseo-introduction' => true];
            break;
        case 'wp-seopress':
            delete_option('seopress_activated');
            update_option('seopress_notices', ['notice-wizard' => '1']);
            break;
    }
    update_user_meta($user->ID, 'elementor_introduction', $introductions);
}

$password = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => 'e2e-' . time()]);
if (is_wp_error($password)) { fwrite(STDERR, $password->get_error_message()); exit(1); }
global $wp_version;
echo json_encode(['appPassword' => $password[0], 'version' => $wp_version]);
