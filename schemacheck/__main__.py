from schemacheck.entry import main

main()
