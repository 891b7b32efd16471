"""CKAN 2.12 strings our users see that its own zh_Hans_CN catalog leaves in English (or
words wrongly: 追随 for Follow, 机构/组织 for what the measures call 部门).

Listed here only so `scripts/i18n.sh extract` copies them into our catalog, which CKAN merges
over its own (ITranslation); never imported. Each msgid must match CKAN's template exactly.
"""


def N_(message: str) -> str:  # noqa: N802 - the name babel extracts
    return message


CORE_STRINGS = (
    N_("Skip to main content"),
    N_("Profile settings"),
    N_('<strong>Powered by</strong> <a class="hide-text ckan-footer-logo" '
       'href="http://ckan.org">CKAN</a>'),
    N_("You might need to login to access this page."),
    N_("Click here to login"),
    N_("Username or Email"),
    N_("There are currently no groups for this site."),
    N_("{num} Member"),
    N_("0 Members"),
    N_("Members not found"),
    N_('You can use <a href="#markdown" title="Markdown quick reference" '
       'data-bs-toggle="popover" data-bs-content="%(markdown_tooltip)s" '
       'data-bs-html="true">Markdown formatting</a> here'),
    N_("All activity types"),
    N_("Follow"),
    N_("Unfollow"),
    N_("Followers"),
    N_("read more"),
    N_("Organization"),
    N_("Organizations"),
    N_("{actor} updated the {dataset_type} {dataset}"),
)
