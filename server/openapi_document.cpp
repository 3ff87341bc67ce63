// The OpenAPI 3 document of the JSON API, served at /api/v1/openapi.json. Keep it in step with
// api_routes.cpp: tests/server/test_openapi.cpp fails when a route and the document disagree.
#include "server/api_routes.h"

namespace regkg::server {

const std::string& openapi_document() {
  static const std::string document = R"json({
 "openapi": "3.0.3",
 "info": {
  "title": "regkg JSON API",
  "version": "1",
  "description": "Regulatory knowledge graph: full-text and relationship queries. Every error is {\"error\": {code, message, details}}; unknown parameters are a 400."
 },
 "servers": [
  {
   "url": "http://127.0.0.1:8080"
  }
 ],
 "paths": {
  "/healthz": {
   "get": {
    "summary": "Liveness and the snapshot being served",
    "parameters": [],
    "responses": {
     "200": {
      "description": "status, snapshot {id, created, counts}, uptime_seconds",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/openapi.json": {
   "get": {
    "summary": "This document",
    "parameters": [],
    "responses": {
     "200": {
      "description": "The OpenAPI 3 document",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/instruments/{id}": {
   "get": {
    "summary": "An instrument with all its versions (dates, status draft or final, lineage) and the version in force on a day",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "description": "Instrument id, raw or percent-encoded: cn/generative-ai-measures. A version or article id is a 400 naming its instrument.",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "as_of",
      "in": "query",
      "description": "YYYY-MM-DD: report the version in force that day (drafts never are), or that none was with the nearest versions before and after",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "instrument {id, kind, label, date, attributes}, as_of, versions [{id, label, date, effective, status, article_count, text_in_corpus, published, comment_deadline, in_force (with as_of), supersedes, superseded_by, draft_of, drafts}], diffs [{from, to}] (consecutive versions), point_in_time {date, in_force, nearest_earlier, nearest_later, message} or null",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/diff": {
   "get": {
    "summary": "What changed between two versions of one instrument: aligned articles with a character-level redline, and obligations added, removed or changed (modality softening or hardening, bearer, condition)",
    "parameters": [
     {
      "name": "from",
      "in": "query",
      "description": "The old version id: cn/counter-espionage-law@2014-11-01",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "to",
      "in": "query",
      "description": "The new version id, of the same instrument (else 400 different_instruments). The same id as from is a 200 where every article is unchanged.",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "format",
      "in": "query",
      "description": "json (default) or html: a readable redline page with <del> and <ins>",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "html"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "instrument, from and to (version objects), same_version, comparable (false when a side has no article text, e.g. a draft known from facts; message says why), message, summary {articles: counts by status (unchanged, renumbered, modified, split, merged, added, removed, moved), obligations: counts (added, removed, changed, softening, hardening, reversal), coarse}, articles [{status, similarity, renumbered, moved, from [{id, label, number}], to [...], coarse, ops [{op: equal|insert|delete, text, from [begin, end], to [begin, end]} byte spans in the joined original texts]}], obligations [{change, direction, fields, similarity, from, to}]",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       },
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/search": {
   "get": {
    "summary": "Full-text search (Xapian query syntax; unquoted Chinese runs are phrases)",
    "parameters": [
     {
      "name": "q",
      "in": "query",
      "description": "Query: AND OR NOT, \"phrases\", prefixes title: kind: instrument: version: jurisdiction: lang: issuer: modality: actor: year: id:, date:YYYY-MM-DD..YYYY-MM-DD; at most 1000 bytes",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "kind",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "article",
        "version",
        "instrument",
        "news"
       ]
      }
     },
     {
      "name": "lang",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "zh",
        "en"
       ]
      }
     },
     {
      "name": "instrument",
      "in": "query",
      "description": "Instrument id",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "jurisdiction",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "issuer",
      "in": "query",
      "description": "Actor slug, e.g. cac",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "modality",
      "in": "query",
      "description": "Articles stating obligations of this modality",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "obligation",
        "prohibition",
        "permission",
        "encouragement"
       ]
      }
     },
     {
      "name": "actor",
      "in": "query",
      "description": "Actor slug: bearers, mentions, issuers",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "year",
      "in": "query",
      "description": "Four digits",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "from",
      "in": "query",
      "description": "Earliest date (inclusive)",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     },
     {
      "name": "to",
      "in": "query",
      "description": "Latest date (inclusive)",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "description": "Default 20",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 100,
       "minimum": 0
      }
     },
     {
      "name": "offset",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 10000,
       "minimum": 0
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "Only documents of texts in force on that date (versions in force, their articles, instruments with a version in force; news always)",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "query, total, total_exact, offset, limit, snapshot, results [{id, kind, title, instrument, version, article_label, date, jurisdiction, snippet, score}], facets {kind, instrument, jurisdiction, year, modality, actor}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/nodes/{id}": {
   "get": {
    "summary": "A node with its properties, provenance, ancestors and edges grouped by type",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "description": "Node id, raw (with / and @) or percent-encoded",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "description": "Items per edge group, default 20",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 500,
       "minimum": 0
      }
     },
     {
      "name": "offset",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "group_type",
      "in": "query",
      "description": "Only this edge type",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "group_direction",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "out",
        "in"
       ]
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "Only neighbours in force on that date in the edge groups",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "node {id, kind, label, date, text {zh, en}, attributes, source}, ancestors, edge_groups [{type, direction, total, offset, items}], snapshot",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/nodes/{id}/neighbors": {
   "get": {
    "summary": "Typed, paged neighbours of a node",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "description": "Node id",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "direction",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "out",
        "in",
        "both"
       ]
      }
     },
     {
      "name": "type",
      "in": "query",
      "description": "Edge types, comma-separated",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "kind",
      "in": "query",
      "description": "Node kinds, comma-separated",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 1000,
       "minimum": 0
      }
     },
     {
      "name": "offset",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "Drop versions, articles and obligations not in force on this date",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     },
     {
      "name": "cursor",
      "in": "query",
      "description": "Opaque cursor from a previous answer's next_cursor (same filters, same snapshot); not with offset. A cursor from another snapshot is a 400 cursor_expired: start again from the first page",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "id, total, offset, results [{id, kind, label, date, direction, type, provenance}]; next_cursor (null on the last page)",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/neighborhood": {
   "get": {
    "summary": "The subgraph around a node",
    "parameters": [
     {
      "name": "id",
      "in": "query",
      "description": "Node id",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "depth",
      "in": "query",
      "description": "1..3, default 1",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 3,
       "minimum": 0
      }
     },
     {
      "name": "types",
      "in": "query",
      "description": "Edge types followed, comma-separated",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "kinds",
      "in": "query",
      "description": "Node kinds admitted, comma-separated",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "description": "Node cap, default 500",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 10000,
       "minimum": 0
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "As for neighbors",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "id, depth, truncated, nodes [{id, kind, label, date, depth}], edges [{from, to, type, note, provenance}]",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/paths": {
   "get": {
    "summary": "Shortest paths between two nodes, edges walked in either direction",
    "parameters": [
     {
      "name": "from",
      "in": "query",
      "description": "Node id",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "to",
      "in": "query",
      "description": "Node id",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "max_length",
      "in": "query",
      "description": "Default 4",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 8,
       "minimum": 0
      }
     },
     {
      "name": "k",
      "in": "query",
      "description": "Paths wanted, default 1",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 5,
       "minimum": 0
      }
     },
     {
      "name": "types",
      "in": "query",
      "description": "Edge types that may be walked, comma-separated",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "Do not walk through nodes not in force",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "from, to, truncated, paths [{length, hops [{from, to, type, direction, note, provenance}]}] (empty when none)",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/obligations": {
   "get": {
    "summary": "Deontic statements extracted from articles",
    "parameters": [
     {
      "name": "bearer",
      "in": "query",
      "description": "Actor id (actor/role-provider or role-provider)",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "instrument",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "modality",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "obligation",
        "prohibition",
        "permission",
        "encouragement"
       ]
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "Only obligations of versions in force",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     },
     {
      "name": "q",
      "in": "query",
      "description": "Substring of the clause or action",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "description": "Default 50; CSV: all matches up to 200000",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 1000,
       "minimum": 0
      }
     },
     {
      "name": "offset",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "format",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "json",
        "csv"
       ]
      }
     },
     {
      "name": "cursor",
      "in": "query",
      "description": "Opaque cursor from a previous answer's next_cursor (same filters, same snapshot); not with offset. A cursor from another snapshot is a 400 cursor_expired: start again from the first page",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "total, offset, limit, results [{id, modality, bearer, bearer_actors, action, condition, text, article, instrument, version, provenance}]; next_cursor (JSON, null on the last page)",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/actors/{id}": {
   "get": {
    "summary": "An actor: aliases, instruments issued, obligations binding it, news, timeline",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "description": "actor/cac or cac",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 1000,
       "minimum": 0
      }
     },
     {
      "name": "offset",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 0
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "Only issued instruments, binding obligations and mentioning articles in force on that date",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "actor {id, kind, label, attributes, aliases, source}, issued, obligations, news, mentioned_in_articles, timeline",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/citations": {
   "get": {
    "summary": "What a node cites, or what cites it (through its articles for instruments and versions)",
    "parameters": [
     {
      "name": "id",
      "in": "query",
      "description": "Article, version or instrument id",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "direction",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "out",
        "in"
       ]
      }
     },
     {
      "name": "limit",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 1000,
       "minimum": 0
      }
     },
     {
      "name": "offset",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "Only citations between texts in force on this date",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     },
     {
      "name": "cursor",
      "in": "query",
      "description": "Opaque cursor from a previous answer's next_cursor (same filters, same snapshot); not with offset. A cursor from another snapshot is a 400 cursor_expired: start again from the first page",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "id, direction, total, offset, results [{type, from, to, resolved, note, provenance}]; next_cursor (null on the last page)",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/citations/graph": {
   "get": {
    "summary": "The transitive legal-basis and citation network of an instrument",
    "parameters": [
     {
      "name": "id",
      "in": "query",
      "description": "Instrument, version or article id",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "depth",
      "in": "query",
      "description": "Default 2",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 5,
       "minimum": 0
      }
     },
     {
      "name": "direction",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "out",
        "in"
       ]
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "Only citations made by texts in force on that date, of instruments in force then",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "id, depth, direction, nodes [{id, kind, label, date, depth}], links [{from, to, evidence}]",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/citations/unresolved": {
   "get": {
    "summary": "Cited titles that match no instrument in the corpus",
    "parameters": [
     {
      "name": "limit",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 1000,
       "minimum": 0
      }
     },
     {
      "name": "offset",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "cursor",
      "in": "query",
      "description": "Opaque cursor from a previous answer's next_cursor (same filters, same snapshot); not with offset. A cursor from another snapshot is a 400 cursor_expired: start again from the first page",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "Only citations made by texts in force on that date",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "total, offset, results [{id, kind, label, cited_by_count, cited_by}]; next_cursor (null on the last page)",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/rankings/cited": {
   "get": {
    "summary": "Most-cited instruments (distinct citing instruments, then PageRank)",
    "parameters": [
     {
      "name": "kind",
      "in": "query",
      "description": "",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "instrument"
       ]
      }
     },
     {
      "name": "limit",
      "in": "query",
      "description": "Default 20",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 1000,
       "minimum": 0
      }
     },
     {
      "name": "offset",
      "in": "query",
      "description": "offset + limit at most 1000",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 0
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "Rank only instruments in force on that date, by citations from texts in force then",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "results [{id, kind, label, date, citing_instruments, pagerank}]; each result has its rank; offset",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/feed.atom": {
   "get": {
    "summary": "Atom feed of new and changed versions, newest change first, with the time each entered regkg",
    "parameters": [
     {
      "name": "q",
      "in": "query",
      "description": "Full-text query: only versions with a matching document",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "instrument",
      "in": "query",
      "description": "Only versions of this instrument id",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "actor",
      "in": "query",
      "description": "Only versions issued by this actor (id or slug)",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "description": "Entries, default 50",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 500
      }
     }
    ],
    "responses": {
     "200": {
      "description": "An Atom 1.0 feed",
      "content": {
       "application/atom+xml": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/admin/reload": {
   "post": {
    "summary": "Switch to the data directory's current snapshot now (admin)",
    "security": [
     {
      "adminToken": []
     }
    ],
    "parameters": [
     {
      "name": "force",
      "in": "query",
      "description": "true: reopen even if CURRENT names the served snapshot",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "true",
        "false"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "previous, result (reloaded | unchanged), reloads",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     },
     "401": {
      "description": "Missing or wrong bearer token",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Admin routes are off (no token configured)",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "The current snapshot could not be opened; the previous one keeps serving",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/v1/admin/snapshot/file": {
   "get": {
    "summary": "One file of the served snapshot, streamed (admin; for regkg replicate)",
    "security": [
     {
      "adminToken": []
     }
    ],
    "parameters": [
     {
      "name": "path",
      "in": "query",
      "description": "A path from /api/v1/admin/snapshot",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "snapshot",
      "in": "query",
      "description": "The snapshot id the client listed; 409 if the server now serves another",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The file's bytes",
      "content": {
       "application/octet-stream": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     },
     "401": {
      "description": "Missing or wrong bearer token",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Admin routes are off (no token configured)",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "409": {
      "description": "The served snapshot changed",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/v1/admin/snapshot": {
   "get": {
    "summary": "The served snapshot's id and files with sizes (admin; for regkg replicate)",
    "security": [
     {
      "adminToken": []
     }
    ],
    "parameters": [],
    "responses": {
     "200": {
      "description": "id, files [{path, bytes}]",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     },
     "401": {
      "description": "Missing or wrong bearer token",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "Admin routes are off (no token configured)",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/v1/suggest": {
   "get": {
    "summary": "Instruments and actors whose title, id or alias contains the text (exact, then prefix, then contained)",
    "parameters": [
     {
      "name": "q",
      "in": "query",
      "description": "The text typed so far (ASCII case-insensitive), at most 200 bytes",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "kinds",
      "in": "query",
      "description": "Node kinds, comma-separated; default instrument,actor",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "limit",
      "in": "query",
      "description": "Default 10",
      "required": false,
      "schema": {
       "type": "integer",
       "maximum": 50,
       "minimum": 1
      }
     }
    ],
    "responses": {
     "200": {
      "description": "query, results [{id, kind, label, date, matched (the alias or name that matched when not the label), match (exact, prefix, contains)}]",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  },
  "/api/v1/export": {
   "get": {
    "summary": "The whole graph or a filtered part as GraphML, Neo4j CSV (nodes or edges) or JSON Lines, streamed (chunked), never cached",
    "parameters": [
     {
      "name": "format",
      "in": "query",
      "description": "Required",
      "required": true,
      "schema": {
       "type": "string",
       "enum": [
        "graphml",
        "csv",
        "jsonl"
       ]
      }
     },
     {
      "name": "part",
      "in": "query",
      "description": "Required with format=csv (one file per request: nodes.csv or edges.csv for neo4j-admin import); refused otherwise",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "nodes",
        "edges"
       ]
      }
     },
     {
      "name": "kinds",
      "in": "query",
      "description": "Comma-separated node kinds to keep",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "types",
      "in": "query",
      "description": "Comma-separated edge types to keep (and, with around, to walk)",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "in_force_on",
      "in": "query",
      "description": "Only nodes in force on that date",
      "required": false,
      "schema": {
       "type": "string",
       "format": "date"
      }
     },
     {
      "name": "around",
      "in": "query",
      "description": "A node id: export only the nodes within depth hops of it (edges walked both ways)",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "depth",
      "in": "query",
      "description": "Hops from around, 1-3 (default 1); only with around",
      "required": false,
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 3
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The export as an attachment (Content-Disposition), edges only between exported nodes",
      "content": {
       "application/graphml+xml": {
        "schema": {
         "type": "string"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       },
       "application/x-ndjson": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "500": {
      "$ref": "#/components/responses/InternalError"
     }
    }
   }
  }
 },
 "components": {
  "securitySchemes": {
   "adminToken": {
    "type": "http",
    "scheme": "bearer",
    "description": "The token from --admin-token-file or REGKG_ADMIN_TOKEN"
   }
  },
  "schemas": {
   "Error": {
    "type": "object",
    "required": [
     "error"
    ],
    "properties": {
     "error": {
      "type": "object",
      "required": [
       "code",
       "message",
       "details"
      ],
      "properties": {
       "code": {
        "type": "string"
       },
       "message": {
        "type": "string"
       },
       "details": {
        "type": "object",
        "additionalProperties": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "responses": {
   "BadRequest": {
    "description": "A missing, malformed or out-of-range parameter, or a query syntax error",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "NotFound": {
    "description": "An unknown id",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "InternalError": {
    "description": "An internal error (logged; no details leak)",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   }
  }
 }
})json";
  return document;
}

}  // namespace regkg::server
