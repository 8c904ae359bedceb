# mailflow-tls-bot collection script for the Exchange Management Shell (Exchange 2013 to Exchange SE).
# Read-only: it only reads settings, certificate stores, the registry and logs. It changes nothing,
# exports no private key and contacts no other computer. docs/collect.md explains every line.
# Run it in the Exchange Management Shell on each server that sends mail to Exchange Online:
#   .\mailflow-tls-collect-exchange.ps1
# It prints one block (first line "mailflow-tls-collect/1 exchange", then JSON) and saves the same
# text to $OutFile (by default in %TEMP%). Paste the block into the chat or upload the file.
param(
    [string]$OutFile = ($env:TEMP + '\mailflow-tls-collect-exchange.txt'),
    [int]$ProtocolLogLines = 5000
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

function Get-MtcStoreChain($thumbprint) {
    # The chain this server builds from its own stores: the certificate in LocalMachine\My, then
    # each issuer looked up by name in LocalMachine\CA (intermediates) and LocalMachine\Root. No
    # network fetch: what is not in the stores is reported as missing.
    $result = [pscustomobject]@{ Chain = @(); MissingIssuer = $null; Complete = $false }
    $current = Get-Item -Path ('Cert:\LocalMachine\My\' + $thumbprint) -ErrorAction SilentlyContinue
    if ($null -eq $current) { $result.MissingIssuer = 'not in LocalMachine\My'; return $result }
    $now = Get-Date
    for ($depth = 0; $depth -lt 8; $depth++) {
        if ($current.Subject -eq $current.Issuer) { $result.Complete = $true; break }
        $issuer = $null
        $store = $null
        foreach ($storeName in @('CA', 'Root')) {
            $found = @(Get-ChildItem -Path ('Cert:\LocalMachine\' + $storeName) -ErrorAction SilentlyContinue |
                Where-Object { $_.Subject -eq $current.Issuer })
            $valid = @($found | Where-Object { $_.NotAfter -gt $now })
            if ($valid.Count -gt 0) { $issuer = $valid[0]; $store = $storeName; break }
            if ($found.Count -gt 0) { $issuer = $found[0]; $store = $storeName; break }
        }
        if ($null -eq $issuer) { $result.MissingIssuer = $current.Issuer; break }
        $result.Chain += [pscustomobject]@{
            Subject    = $issuer.Subject
            Issuer     = $issuer.Issuer
            Thumbprint = $issuer.Thumbprint
            Store      = $store
            NotAfter   = (ConvertTo-MtcDate $issuer.NotAfter)
        }
        if ($store -eq 'Root') { $result.Complete = $true; break }
        $current = $issuer
    }
    return $result
}

function Get-MtcRegistryValues($path, $names) {
    $item = Get-ItemProperty -Path $path -ErrorAction SilentlyContinue
    $values = @()
    foreach ($name in $names) {
        $value = $null
        if ($null -ne $item) { $value = $item.$name }
        $values += [pscustomobject]@{ Path = $path; Name = $name; Value = $value }
    }
    return $values
}

$certificates = @()
foreach ($c in @(Get-ExchangeCertificate -ErrorAction SilentlyContinue)) {
    $services = [string]$c.Services
    $chain = $null
    if ($services -match 'SMTP') { $chain = Get-MtcStoreChain $c.Thumbprint }
    $certificates += [pscustomobject]@{
        Thumbprint         = $c.Thumbprint
        FriendlyName       = $c.FriendlyName
        Subject            = $c.Subject
        Issuer             = $c.Issuer
        CertificateDomains = @(ConvertTo-MtcStrings $c.CertificateDomains)
        Services           = $services
        Status             = [string]$c.Status
        NotBefore          = (ConvertTo-MtcDate $c.NotBefore)
        NotAfter           = (ConvertTo-MtcDate $c.NotAfter)
        HasPrivateKey      = [bool]$c.HasPrivateKey
        IsSelfSigned       = [bool]$c.IsSelfSigned
        RootCAType         = [string]$c.RootCAType
        StoreChain         = $chain
    }
}

$sendConnectors = @()
foreach ($s in @(Get-SendConnector -ErrorAction SilentlyContinue)) {
    $sendConnectors += [pscustomobject]@{
        Name                     = $s.Name
        Enabled                  = [bool]$s.Enabled
        Fqdn                     = [string]$s.Fqdn
        TlsCertificateName       = [string]$s.TlsCertificateName
        RequireTLS               = [bool]$s.RequireTLS
        TlsAuthLevel             = [string]$s.TlsAuthLevel
        TlsDomain                = [string]$s.TlsDomain
        SmartHosts               = @(ConvertTo-MtcStrings $s.SmartHosts)
        AddressSpaces            = @(ConvertTo-MtcStrings $s.AddressSpaces)
        SourceTransportServers   = @(ConvertTo-MtcStrings $s.SourceTransportServers)
        CloudServicesMailEnabled = [bool]$s.CloudServicesMailEnabled
    }
}

$receiveConnectors = @()
foreach ($r in @(Get-ReceiveConnector -ErrorAction SilentlyContinue)) {
    $receiveConnectors += [pscustomobject]@{
        Identity           = [string]$r.Identity
        Name               = $r.Name
        Enabled            = [bool]$r.Enabled
        Fqdn               = [string]$r.Fqdn
        TlsCertificateName = [string]$r.TlsCertificateName
        RequireTLS         = [bool]$r.RequireTLS
        TransportRole      = [string]$r.TransportRole
        AuthMechanism      = [string]$r.AuthMechanism
        Bindings           = @(ConvertTo-MtcStrings $r.Bindings)
    }
}

$transportServices = @()
foreach ($t in @(Get-TransportService -ErrorAction SilentlyContinue)) {
    $transportServices += [pscustomobject]@{
        Name                                   = [string]$t.Name
        InternalTransportCertificateThumbprint = [string]$t.InternalTransportCertificateThumbprint
        SendProtocolLogPath                    = [string]$t.SendProtocolLogPath
    }
}

$hybrid = $null
if ($null -ne (Get-Command -Name Get-HybridConfiguration -ErrorAction SilentlyContinue)) {
    $h = Get-HybridConfiguration -ErrorAction SilentlyContinue
    if ($null -ne $h) {
        $hybrid = [pscustomobject]@{
            TlsCertificateName        = [string]$h.TlsCertificateName
            OnPremisesSmartHost       = [string]$h.OnPremisesSmartHost
            Domains                   = @(ConvertTo-MtcStrings $h.Domains)
            Features                  = @(ConvertTo-MtcStrings $h.Features)
            SendingTransportServers   = @(ConvertTo-MtcStrings $h.SendingTransportServers)
            ReceivingTransportServers = @(ConvertTo-MtcStrings $h.ReceivingTransportServers)
            EdgeTransportServers      = @(ConvertTo-MtcStrings $h.EdgeTransportServers)
        }
    }
}

$edgeSubscriptions = @()
foreach ($e in @(Get-EdgeSubscription -ErrorAction SilentlyContinue)) {
    $edgeSubscriptions += [pscustomobject]@{ Name = [string]$e.Name; Site = [string]$e.Site; Domain = [string]$e.Domain }
}

$events = @()
$transportEvents = @(Get-WinEvent -FilterHashtable @{ LogName = 'Application'; Id = @(12014, 12017, 12018, 2004) } -MaxEvents 40 -ErrorAction SilentlyContinue)
$capi2Events = @(Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-CAPI2/Operational'; Id = 30 } -MaxEvents 10 -ErrorAction SilentlyContinue)
foreach ($ev in ($transportEvents + $capi2Events)) {
    $events += [pscustomobject]@{
        Log         = $ev.LogName
        Id          = $ev.Id
        Provider    = $ev.ProviderName
        TimeCreated = (ConvertTo-MtcDate $ev.TimeCreated)
        Message     = [string]$ev.Message
    }
}

$protocolLog = @()
foreach ($t in $transportServices) {
    if ($t.Name -ne $env:COMPUTERNAME -or [string]::IsNullOrEmpty($t.SendProtocolLogPath)) { continue }
    $newest = $null
    foreach ($file in @(Get-ChildItem -Path $t.SendProtocolLogPath -Filter '*.LOG' -ErrorAction SilentlyContinue)) {
        if ($null -eq $newest -or $file.LastWriteTimeUtc -gt $newest.LastWriteTimeUtc) { $newest = $file }
    }
    if ($null -ne $newest) {
        $protocolLog = @(Get-Content -Path $newest.FullName -Tail $ProtocolLogLines -ErrorAction SilentlyContinue |
            Where-Object { $_ -match 'Sending certificate|Certificate (subject|issuer name|thumbprint)|TLS negotiation failed|STARTTLS|5\.7\.64|4\.7\.0|Remote certificate' })
    }
}

$tlsSettings = @()
$tlsSettings += Get-MtcRegistryValues 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client' @('Enabled', 'DisabledByDefault')
$tlsSettings += Get-MtcRegistryValues 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server' @('Enabled', 'DisabledByDefault')
$tlsSettings += Get-MtcRegistryValues 'HKLM:\SOFTWARE\Microsoft\.NETFramework\v4.0.30319' @('SystemDefaultTlsVersions', 'SchUseStrongCrypto')
$tlsSettings += Get-MtcRegistryValues 'HKLM:\SOFTWARE\Wow6432Node\Microsoft\.NETFramework\v4.0.30319' @('SystemDefaultTlsVersions', 'SchUseStrongCrypto')

$result = [pscustomobject]@{
    format            = 'mailflow-tls-collect'
    version           = 1
    kind              = 'exchange'
    collectedAt       = (ConvertTo-MtcDate (Get-Date))
    computer          = $env:COMPUTERNAME
    certificates      = $certificates
    sendConnectors    = $sendConnectors
    receiveConnectors = $receiveConnectors
    transportServices = $transportServices
    hybridConfiguration = $hybrid
    edgeSubscriptions = $edgeSubscriptions
    events            = $events
    protocolLog       = $protocolLog
    tlsSettings       = $tlsSettings
    errors            = @(ConvertTo-MtcStrings ($Error | Select-Object -First 20))
}

$text = 'mailflow-tls-collect/1 exchange' + [Environment]::NewLine + ($result | ConvertTo-Json -Depth 6)
$text | Out-File -FilePath $OutFile -Encoding utf8
$text
