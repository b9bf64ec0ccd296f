from schemacheck.entry import run

run()
