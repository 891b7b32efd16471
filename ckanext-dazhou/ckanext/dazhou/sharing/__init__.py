"""Share applications (Art. 18, 21, 23): a department applies for a conditional dataset, the
owner answers within the working-day deadline, a refusal can be escalated to the bureau."""
