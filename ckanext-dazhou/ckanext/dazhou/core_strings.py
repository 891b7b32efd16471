"""CKAN 2.12 strings our users see that its own zh_Hans_CN catalog leaves in English (or
words wrongly: 追随 for Follow, 机构/组织 for what the measures call 部门).

Listed here only so `scripts/i18n.sh extract` copies them into our catalog, which CKAN merges
over its own (ITranslation); never imported. Each msgid must match CKAN's template exactly.
"""


def N_(message: str) -> str:  # noqa: N802 - the name babel extracts
    return message


def ngettext(singular: str, plural: str, n: int) -> str:  # the name babel extracts for plurals
    return singular if n == 1 else plural


CORE_STRINGS = (
    N_("Skip to main content"),
    N_("Profile settings"),
    N_('<strong>Powered by</strong> <a class="hide-text ckan-footer-logo" '
       'href="http://ckan.org">CKAN</a>'),
    N_("You might need to login to access this page."),
    N_("Click here to login"),
    N_("Username or Email"),
    N_("There are currently no groups for this site."),
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
    # issue 14: left in English, or worded 数据集/组织/登陆 where we say 信息资源/部门/登录
    N_("Toggle navigation"),
    N_("Not authorized to download resource"),  # the download's 403 (issue 14, the public)
    N_("Submit"),
    N_("Search Datasets..."),
    N_("Search datasets..."),
    N_("Go"),
    N_("Breadcrumb"),
    N_("Log in"),
    N_("Login"),
    N_("Register"),
    N_("Account"),
    N_("Filter by: {title}"),
    N_("Search datasets by {name}: {label}"),
    N_("close"),
    N_("Close"),
    N_("0 Datasets"),
    N_("Add Dataset"),
    N_("Navigate to dataset: {title}"),
    N_("Activity occurred on: {time}"),
    N_("This information is visible to you and admins"),
    N_("My Organization"),
    N_("My Organizations"),
    N_("My Datasets"),
    N_("News feed"),
    N_("Navigate to resource: {name}"),
    N_("Open details page for {name}"),
    N_("Open details page for dataset - {title}"),
    N_("Remove applied filter: {value}"),
    N_("View this version"),
    N_("View the current version"),
    N_("You're currently viewing an old version of this dataset. Data files may not match the old version of the metadata."),  # noqa: E501
    N_("Last Active"),
    N_("Create one now?"),
    N_("Resource URL: {url}"),
    N_("Current resource: {name}"),
    N_("View dataset"),
    N_("You haven't created any datasets."),
    N_("User hasn't created any datasets."),
    N_("Reorder resources"),
    N_("Data"),
    N_("Data:"),
    N_("What are Organizations?"),
    N_("What are Groups?"),
    N_("Search datasets with the tag: {tag}"),
    N_("Search datasets with the tag: {name}"),
    N_("Dataset not found or you have no permission to view it"),
    N_("Profile picture URL"),
    N_("Profile picture"),
    N_("Create Dataset"),
    N_("User isn't a member of any groups."),
    N_("User isn't a member of any organizations."),
    N_("User isn't a member of any {object_type}s."),
    N_("Token"),
    N_("There are no groups associated with this dataset."),
    N_("There are no {object_type}s associated with this dataset."),
    N_("Revoke tokens"),
    N_("Request Reset"),
    N_("Last access"),
    N_("Enter your email address or username into the box and we will send you an email with a link to enter a new password."),  # noqa: E501
    N_("Email or username"),
    N_("Activities"),
    N_("Add Organization"),
    N_("You're already logged in"),
    N_("Edit datasets"),
    N_("Update Dataset"),
    N_("Search followee"),
    N_("Save {object_type}"),
    N_("You need to log out before you can log in with another account."),
    N_("Unpublish"),
    N_("Activity from:"),
    N_("Key"),
    N_("Update Organization"),
    N_("Create Organization"),
    N_("Create an Organization"),
    N_("You are not a member of any organizations."),
    N_("Are you sure you want to delete dataset - {name}?"),
    N_("Show metadata diff"),
    N_("Edit role"),
    N_("404 Not Found"),
    N_("403 Forbidden"),
    N_("Not Found"),
    N_("Forbidden"),
    N_("Create datasets, groups and other exciting things"),
    N_("Joe Bloggs"),
    N_("eg. Joe Bloggs"),
    N_("Follow Organization"),
    N_("No activity found."),
    N_("Activity Stream"),
    N_("Dataset description:"),
    N_("Search {object_type}s..."),
    N_("Unauthorized to create a group"),
    N_("Unauthorized to create a package"),
    N_("User %s not authorized to create packages"),
    N_("Unauthorized to view activity data"),
    N_("Unauthorized to access"),
    N_("Manage resource: {name}"),
    N_("Cancel"),
    N_("dataset"),
    N_("You're already logged in as {user}."),
    N_("active"),
    N_("Delete member"),
    N_("<p><strong>Admin:</strong> Can edit group information, as well as manage organization members.</p> <p><strong>Member:</strong> Can add/remove datasets from groups</p>"),  # noqa: E501
    N_("<p><strong>Admin:</strong> Can add/edit and delete datasets, as well as manage organization members.</p> <p><strong>Editor:</strong> Can add and edit datasets, but not manage organization members.</p> <p><strong>Member:</strong> Can view the organization's private datasets, but not add new datasets.</p>"),  # noqa: E501
    N_("You can use CKAN Groups to create and manage collections of datasets. This could be to catalogue datasets for a particular project or team, or on a particular theme, or as a very simple way to help people find and search your own published datasets."),  # noqa: E501
    N_("CKAN Organizations are used to create, manage and publish collections of datasets. Users can have different roles within an Organization, depending on their level of authorisation to create, edit and publish."),  # noqa: E501
    N_("Changes"),
    N_("View changes from %(old_select)s to %(new_select)s"),
    N_("Hide metadata diff"),
    N_("On %(timestamp)s, %(username)s:"),
    N_('Updated description of {pkg_link} from <br class="line-height2"><blockquote>{old_notes}</blockquote> to <br class="line-height2"><blockquote>{new_notes}</blockquote>'),  # noqa: E501
    N_('Updated description of {pkg_link} to <br class="line-height2"><blockquote>{new_notes}</blockquote>'),  # noqa: E501
    N_("Removed description from {pkg_link}"),
    N_("User %r not authorized to edit members of %s"),
)

CORE_PLURALS = (
    ngettext("{num} Member", "{num} Members", 1),
    ngettext("{num} Dataset", "{num} Datasets", 1),
    ngettext("{number} dataset found", "{number} datasets found", 1),
    ngettext('{number} dataset found for "{query}"', '{number} datasets found for "{query}"', 1),
    N_('No datasets found for "{query}"'),
    # Werkzeug's description of a 404, which CKAN's error page shows
    N_("The requested URL was not found on the server. If you entered the URL manually please "
       "check your spelling and try again."),
    ngettext("%(count)s dataset found.", "%(count)s datasets found.", 1),
    ngettext("{count} member", "{count} members", 1),
    ngettext("{number} organization found", "{number} organizations found", 1),
)
