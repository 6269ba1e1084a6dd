package thesaurus

import (
	"slices"
	"strings"
)

// entityGroups lists the names spinners swap for one another: countries,
// organisations, places and institutions of 1987 Reuters newswire and of
// today's news. Each group is one entity; a name may belong to several
// groups ("Federal Republic of Germany" names Germany and, in 1987, West
// Germany). Names are written as news writes them: case matters for
// display, not for lookup (see [variantKey]).
var entityGroups = [][]string{
	// Countries and blocs.
	{"United States", "U.S.", "US", "USA", "U.S.A.", "United States of America", "America"},
	{"Russia", "Russian Federation"},
	{"Soviet Union", "USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"},
	{"United Kingdom", "UK", "U.K.", "Britain", "Great Britain"},
	{"Germany", "Federal Republic of Germany", "Deutschland"},
	{"West Germany", "FRG", "Federal Republic of Germany"},
	{"East Germany", "GDR", "German Democratic Republic"},
	{"China", "People's Republic of China", "PRC", "P.R.C."},
	{"Taiwan", "Republic of China"},
	{"Japan", "Nippon"},
	{"South Korea", "Republic of Korea", "ROK"},
	{"North Korea", "DPRK", "Democratic People's Republic of Korea"},
	{"Netherlands", "Holland", "The Netherlands"},
	{"United Arab Emirates", "UAE", "U.A.E."},
	{"Saudi Arabia", "Kingdom of Saudi Arabia", "KSA"},
	{"Iran", "Islamic Republic of Iran", "Persia"},
	{"Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"},
	{"Burma", "Myanmar"},
	{"Zaire", "Democratic Republic of the Congo", "DRC", "DR Congo"},
	{"Czech Republic", "Czechia"},
	{"Turkey", "Türkiye", "Turkiye"},
	{"Sri Lanka", "Ceylon"},
	{"Philippines", "Republic of the Philippines"},
	{"South Africa", "Republic of South Africa"},
	{"European Union", "EU", "E.U."},
	{"European Community", "EC", "E.C.", "European Economic Community", "EEC", "Common Market"},
	// Cities and regions.
	{"New York", "NY", "N.Y."},
	{"New York City", "NYC", "N.Y.C."},
	{"Los Angeles", "L.A.", "LA"},
	{"Washington, D.C.", "Washington DC", "D.C.", "District of Columbia"},
	{"Hong Kong", "HK"},
	{"Beijing", "Peking"},
	{"Mumbai", "Bombay"},
	{"Kolkata", "Calcutta"},
	{"Chennai", "Madras"},
	{"Kyiv", "Kiev"},
	{"Ho Chi Minh City", "Saigon"},
	{"Persian Gulf", "Arabian Gulf", "the Gulf"},
	// International organisations.
	{"United Nations", "UN", "U.N."},
	{"OPEC", "Organization of Petroleum Exporting Countries", "Organisation of Petroleum Exporting Countries"},
	{"International Monetary Fund", "IMF"},
	{"World Bank", "International Bank for Reconstruction and Development", "IBRD"},
	{"General Agreement on Tariffs and Trade", "GATT"},
	{"World Trade Organization", "WTO", "World Trade Organisation"},
	{"North Atlantic Treaty Organization", "NATO", "North Atlantic Treaty Organisation"},
	{"Organisation for Economic Co-operation and Development", "OECD", "Organization for Economic Cooperation and Development"},
	{"International Energy Agency", "IEA"},
	{"World Health Organization", "WHO", "World Health Organisation"},
	{"International Coffee Organization", "ICO", "International Coffee Organisation"},
	{"European Central Bank", "ECB"},
	// National institutions.
	{"Federal Reserve", "Fed", "Federal Reserve Board", "Federal Reserve System", "U.S. central bank"},
	{"Treasury", "U.S. Treasury", "Treasury Department", "Department of the Treasury"},
	{"Bundesbank", "Deutsche Bundesbank", "German central bank"},
	{"Bank of Japan", "BOJ", "BoJ", "Japanese central bank"},
	{"Bank of England", "BOE", "BoE", "British central bank"},
	{"Ministry of International Trade and Industry", "MITI"},
	{"Securities and Exchange Commission", "SEC"},
	{"New York Stock Exchange", "NYSE", "Big Board"},
	{"Chicago Board of Trade", "CBT", "CBOT"},
	{"London Metal Exchange", "LME"},
	{"Agriculture Department", "USDA", "U.S. Department of Agriculture", "Department of Agriculture"},
	{"Commerce Department", "Department of Commerce", "U.S. Commerce Department"},
	{"Commodity Credit Corporation", "CCC", "Commodity Credit Corp"},
	{"Environmental Protection Agency", "EPA"},
	{"Federal Bureau of Investigation", "FBI"},
	{"Central Intelligence Agency", "CIA"},
	{"Federal Deposit Insurance Corporation", "FDIC", "Federal Deposit Insurance Corp"},
	{"Congress", "U.S. Congress"},
	// Currencies.
	{"U.S. dollar", "US dollar", "greenback"},
	{"yen", "Japanese yen"},
	{"mark", "German mark", "Deutsche mark", "deutschemark"},
	{"sterling", "pound sterling", "British pound"},
}

// variantKey is the form in which entity names are compared: [Key] with
// the dots removed and typographic apostrophes made plain, so "U.S." and
// "US" are the same name.
func variantKey(name string) string {
	if strings.IndexByte(name, '.') >= 0 || strings.Contains(name, "’") {
		name = variantPunct.Replace(name)
	}
	return Key(name)
}

// variantPunct drops the full stops of a name and writes its apostrophes
// one way.
var variantPunct = strings.NewReplacer(".", "", "’", "'")

var entityIndex, entityMaxWords = func() (map[string][]int32, int) {
	m := map[string][]int32{}
	n := 1
	for i, g := range entityGroups {
		for _, name := range g {
			k := variantKey(name)
			if !slices.Contains(m[k], int32(i)) {
				m[k] = append(m[k], int32(i))
			}
			n = max(n, strings.Count(k, " ")+1)
		}
	}
	return m, n
}()

// Variants returns the other names of the entity or entities that name
// names, as news writes them ("Russia" → ["Russian Federation"]), in the
// order of the table, without the names that equal name up to case and
// dots. The result is a new slice, empty for an unknown name.
func (t *Thesaurus) Variants(name string) []string {
	k := variantKey(name)
	var out []string
	for _, g := range t.byName[k] {
		for _, v := range t.groups[g] {
			if variantKey(v) != k && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// AreVariants reports whether a and b name the same entity, compared
// case-insensitively and ignoring dots: "U.S." and "US" are variants,
// as are "U.S." and "United States of America".
func (t *Thesaurus) AreVariants(a, b string) bool {
	ga, gb := t.byName[variantKey(a)], t.byName[variantKey(b)]
	for _, g := range ga {
		if slices.Contains(gb, g) {
			return true
		}
	}
	return false
}

// EntityGroups returns a copy of the entity groups: each lists the names of
// one entity, as news writes them.
func (t *Thesaurus) EntityGroups() [][]string {
	return cloneGroups(t.groups)
}

// Entities returns a copy of the entity groups that every [Thesaurus]
// holds (see [Thesaurus.EntityGroups]), without loading WordNet: a caller
// that needs only the names, such as a word counter at ingest, does not
// pay for [Default].
func Entities() [][]string { return cloneGroups(entityGroups) }

func cloneGroups(groups [][]string) [][]string {
	out := make([][]string, len(groups))
	for i, g := range groups {
		out[i] = slices.Clone(g)
	}
	return out
}
