"""Who sees what (Art. 17, 18, 21, 25, 26): roles, permission labels, resource access.

- public (anonymous, or registered without a department): datasets whose open_type is open or
  conditional; resources of open ones, and of conditional ones with an open grant;
- department staff (members of any organization): every cataloged dataset's metadata;
  resources of unconditional-share datasets, of conditional-share ones with a share grant for
  their department, and whatever the public may use;
- the owner department (members of owner_org) and the bureau (sysadmins, members of
  ckanext.dazhou.bureau_org): everything.
"""
