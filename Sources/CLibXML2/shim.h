#pragma once
// libxml2 as built by Debian enables ICU, and its encoding header then includes ICU's
// headers, which clash with the ICU copy inside Swift's Foundation. NewsGraph never
// touches libxml2's encoding handler structures, so the ICU part is left out here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
