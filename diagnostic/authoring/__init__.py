"""Tools for the people who write questionnaires and rules: lint, scenarios,
flow graph, trace, version diff. They read loaded models and YAML documents
through public interfaces only, and report `errors.Problem`s like `validate`."""
