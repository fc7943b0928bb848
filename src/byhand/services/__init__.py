"""The application layer: one implementation of each rule about a learner's
work (record an attempt, rate an outcome, what is scheduled, today's plan,
mastery, where progress lives), called alike by the CLI, `byhand practice`,
`byhand.check` in a workspace, the pages and the JSON API.  Drawing what
these compute (the terminal table, the concept map) is ``byhand.render``'s."""
