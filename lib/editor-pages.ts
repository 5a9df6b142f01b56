/** The only pages PressPilot's content scripts run on: WordPress's post editors (Elementor's too). */
export const EDITOR_PAGE_MATCHES = ['*://*/*wp-admin/post.php*', '*://*/*wp-admin/post-new.php*'];
