export const DASHBOARD_HTML = '<!doctype html><title>Understudy</title>'
