<?php
/*
 * Plugin Name: PressPilot e2e: classic editor on demand
 * Description: Test sites only. The classic editor replaces the block editor when the cookie e2e_editor=classic is set.
 */
add_filter('use_block_editor_for_post', function ($use) {
    return (isset($_COOKIE['e2e_editor']) && $_COOKIE['e2e_editor'] === 'classic') ? false : $use;
}, 100);
