// Package talent holds the registry's domain: experts, their registry
// memberships and registry-specific records, the county's townships, and the
// rules that decide whether a change is valid. It has no dependencies beyond
// the standard library, so storage, search and the API can all share it.
package talent
