# mailflow-tls-bot collection script for Exchange Online PowerShell.
# Read-only: it only reads the connectors, accepted domains and one organization setting.
# It changes nothing. docs/collect.md explains every line.
# Run it after Connect-ExchangeOnline (ExchangeOnlineManagement module):
#   .\mailflow-tls-collect-exo.ps1
# It prints one block (first line "mailflow-tls-collect/1 exo", then JSON) and saves the same
# text to $OutFile (by default in %TEMP%). Paste the block into the chat or upload the file.
param(
    [string]$OutFile = ($env:TEMP + '\mailflow-tls-collect-exo.txt')
)

$ErrorActionPreference = 'Continue'

function ConvertTo-MtcDate($value) {
    if ($null -eq $value) { return $null }
    if ($value -is [datetime]) {
        return $value.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    return [string]$value
}

function ConvertTo-MtcStrings($values) {
    $list = @()
    foreach ($v in @($values)) {
        if ($null -ne $v) { $list += [string]$v }
    }
    return $list
}

$inboundConnectors = @()
foreach ($i in @(Get-InboundConnector -ErrorAction SilentlyContinue)) {
    $inboundConnectors += [pscustomobject]@{
        Name                         = [string]$i.Name
        Enabled                      = [bool]$i.Enabled
        ConnectorType                = [string]$i.ConnectorType
        ConnectorSource              = [string]$i.ConnectorSource
        SenderDomains                = @(ConvertTo-MtcStrings $i.SenderDomains)
        SenderIPAddresses            = @(ConvertTo-MtcStrings $i.SenderIPAddresses)
        RequireTls                   = [bool]$i.RequireTls
        RestrictDomainsToIPAddresses = [bool]$i.RestrictDomainsToIPAddresses
        RestrictDomainsToCertificate = [bool]$i.RestrictDomainsToCertificate
        TlsSenderCertificateName     = [string]$i.TlsSenderCertificateName
        CloudServicesMailEnabled     = [bool]$i.CloudServicesMailEnabled
        WhenChanged                  = (ConvertTo-MtcDate $i.WhenChanged)
    }
}

$outboundConnectors = @()
foreach ($o in @(Get-OutboundConnector -ErrorAction SilentlyContinue)) {
    $outboundConnectors += [pscustomobject]@{
        Name                     = [string]$o.Name
        Enabled                  = [bool]$o.Enabled
        ConnectorType            = [string]$o.ConnectorType
        ConnectorSource          = [string]$o.ConnectorSource
        RecipientDomains         = @(ConvertTo-MtcStrings $o.RecipientDomains)
        SmartHosts               = @(ConvertTo-MtcStrings $o.SmartHosts)
        UseMXRecord              = [bool]$o.UseMXRecord
        TlsSettings              = [string]$o.TlsSettings
        TlsDomain                = [string]$o.TlsDomain
        CloudServicesMailEnabled = [bool]$o.CloudServicesMailEnabled
        WhenChanged              = (ConvertTo-MtcDate $o.WhenChanged)
    }
}

$acceptedDomains = @()
foreach ($d in @(Get-AcceptedDomain -ErrorAction SilentlyContinue)) {
    $acceptedDomains += [pscustomobject]@{
        DomainName = [string]$d.DomainName
        DomainType = [string]$d.DomainType
        Default    = [bool]$d.Default
    }
}

$organization = $null
$config = Get-OrganizationConfig -ErrorAction SilentlyContinue
if ($null -ne $config) {
    $organization = [pscustomobject]@{ Name = [string]$config.Name; RejectDirectSend = $config.RejectDirectSend }
}

$result = [pscustomobject]@{
    format             = 'mailflow-tls-collect'
    version            = 1
    kind               = 'exo'
    collectedAt        = (ConvertTo-MtcDate (Get-Date))
    inboundConnectors  = $inboundConnectors
    outboundConnectors = $outboundConnectors
    acceptedDomains    = $acceptedDomains
    organization       = $organization
    errors             = @(ConvertTo-MtcStrings ($Error | Select-Object -First 20))
}

$text = 'mailflow-tls-collect/1 exo' + [Environment]::NewLine + ($result | ConvertTo-Json -Depth 5)
$text | Out-File -FilePath $OutFile -Encoding utf8
$text
