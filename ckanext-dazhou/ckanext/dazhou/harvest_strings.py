"""ckanext-harvest 1.6.3 strings the bureau's staff see, which it ships no Chinese for.

Listed here only so `scripts/i18n.sh extract` copies them into our catalog (CKAN merges every
plugin's catalog into one); never imported. Each msgid must match ckanext-harvest exactly.
"""


def N_(message: str) -> str:  # noqa: N802 - the name babel extracts
    return message


HARVEST_STRINGS = (
    N_("Source type"),  # facet title, relabelled by dazhou_province (harvesters/province.py)
    N_("Add Harvest Source"),
    N_("Back to job list"),
    N_("Clear"),
    N_("Configuration"),
    N_("Count"),
    N_("Create Harvest Source"),
    N_("Create harvest source"),
    N_("Delete all harvest jobs and existing datasets from this source"),
    N_("Delete and clear source"),
    N_("Delete source"),
    N_("Document Errors"),
    N_("Edit harvest source"),
    N_("Error Report"),
    N_("Error Summary"),
    N_("Finished"),
    N_("Finished:"),
    N_("Harvest"),
    N_("Harvest Jobs"),
    N_("Harvest Sources"),
    N_("Harvest sources"),
    N_("Id"),
    N_("Job Errors"),
    N_("Job Report"),
    N_("Job:"),
    N_("Jobs"),
    N_("Last Harvest Job"),
    N_("Local content"),
    N_("Message"),
    N_("No errors for this job"),
    N_("No jobs yet for this source"),
    N_("No organization"),
    N_("Not yet"),
    N_("Only the 20 most frequent errors are shown"),
    N_("Reharvest"),
    N_("Remote content"),
    N_("Search harvest sources..."),
    N_("Sorry no harvest sources found"),
    N_("Sorry no harvest sources found for \"{query}\""),
    N_("Start a new harvesting job for this harvest source now"),
    N_("Started"),
    N_("Started:"),
    N_("Stop"),
    N_("There is no description for this harvest source"),
    N_("This should include the http:// part of the URL"),
    N_("This will flag the source as deleted but keep all its datasets and previous jobs. Are you sure you want to delete this harvest source?"),  # noqa: E501
    N_("This will re-run the harvesting for this source. Any updates at the source will overwrite the local datasets. Sources with a large number of datasets may take a significant amount of time to finish harvesting. Please confirm you would like us to start reharvesting."),  # noqa: E501
    N_("Update frequency"),
    N_("View full job report"),
    N_("View harvest source"),
    N_("Warning: Apart from deleting this source, this command will remove all its datasets, as well as all previous job reports. Are you sure you want to continue?"),  # noqa: E501
    N_("Warning: This will remove all datasets for this source, as well as all previous job reports. Are you sure you want to continue?"),  # noqa: E501
    N_("documents with errors"),
    N_("errors"),
    N_("Harvest job not found"),
    N_("Harvest job stopped"),
    N_("Harvest source cleared"),
    N_("Harvest source not found"),
    N_("Harvest will start shortly. Refresh this page for updates."),
    N_("Harvesting source successfully cleared"),
    N_("Harvesting source successfully inactivated"),
    N_("No content found"),
    N_("Not authorized to see this page"),
    # issue 14: the update frequencies (helpers.harvest_frequencies translates MANUAL.title())
    N_("Manual"),
    N_("Monthly"),
    N_("Weekly"),
    N_("Biweekly"),
    N_("Daily"),
    N_("Always"),
    N_("There are no datasets associated to this harvest source."),
    # CKAN's search_result_text.html builds these from the type "harvest"
    N_("No harvests found"),
    N_('No harvests found for "{query}"'),
)


def ngettext(singular: str, plural: str, n: int) -> str:  # the name babel extracts for plurals
    return singular if n == 1 else plural


HARVEST_PLURALS = (
    ngettext("{number} harvest found", "{number} harvests found", 1),
    ngettext('{number} harvest found for "{query}"', '{number} harvests found for "{query}"', 1),
    ngettext("{number} harvest source found", "{number} harvest sources found", 1),
)
