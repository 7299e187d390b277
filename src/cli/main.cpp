// radbound: the command-line tool. Everything but the entry point lives in radbound_cli.
#include "app.hpp"

int main(int argc, char** argv) { return radbound::cli::run(argc, argv); }
