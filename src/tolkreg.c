/*
 * tolkreg: the command-line front end of the national interpreter
 * register. Everything happens in tolkreg_main() (src/cmd.c).
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "cmd.h"

int
main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "");
	return (tolkreg_main(argc, argv, stdout, stderr));
}
